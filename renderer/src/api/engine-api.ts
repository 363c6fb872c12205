/**
 * The renderer's only way to the engine: `window.iwaDoctor`, the domain API (one method per
 * contract channel) put there by Electron's preload or by the web harness's bridge. The
 * renderer does not know which; it validates every response against the same contract the
 * engine used.
 */
import {
  apiContract,
  apiResultSchema,
  type ApiChannel,
  type ApiRequest,
  type ApiResponse,
} from '../../../shared/api/contract.js';
import { apiMethodOf, type IwaDoctorApi } from '../../../shared/api/domain-api.js';

declare global {
  interface Window {
    readonly iwaDoctor?: IwaDoctorApi;
  }
}

export class EngineCallError extends Error {
  constructor(
    message: string,
    readonly channel: ApiChannel,
    readonly code: string,
  ) {
    super(message);
    this.name = 'EngineCallError';
  }
}

export async function callEngine<C extends ApiChannel>(
  channel: C,
  request: ApiRequest<C>,
): Promise<ApiResponse<C>> {
  const method = window.iwaDoctor && apiMethodOf(window.iwaDoctor, channel);
  if (!method)
    throw new EngineCallError('IWA Doctor’s engine is not connected to this window.', channel, 'unavailable');
  const raw: unknown = await method(request);
  const parsed = apiResultSchema(apiContract[channel].response).safeParse(raw);
  if (!parsed.success)
    throw new EngineCallError(
      'The engine sent an answer this window does not understand.',
      channel,
      'failed',
    );
  if (!parsed.data.ok) throw new EngineCallError(parsed.data.error.message, channel, parsed.data.error.code);
  return parsed.data.value as ApiResponse<C>;
}
