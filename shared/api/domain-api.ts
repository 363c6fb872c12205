/**
 * The small domain API on `window.iwaDoctor` (style.md: electron/fiddle's preload exposes
 * methods, never ipcRenderer or a generic invoke). It is derived from the one contract table:
 * channel `domain:verb-words` becomes `iwaDoctor.domain.verbWords(request)`, e.g.
 * `diagnosis:run` → `iwaDoctor.diagnosis.run(target)`, `kerberos:purge-and-retest` →
 * `iwaDoctor.kerberos.purgeAndRetest({ entryId })`. Electron's preload and the web harness's
 * bridge build it with the same routes, so the renderer cannot tell them apart; the engine
 * validates each request and the renderer each response with the contract's zod schemas.
 */
// Types only from the contract: its schemas stay out of the preload bundle (api-channel-names.ts).
import type { ApiChannel, ApiRequest, ApiResponse, ApiResult } from './contract.js';
import { apiChannelNames } from './api-channel-names.js';

/** `purge-and-retest` → `purgeAndRetest`. */
type CamelCase<Words extends string> = Words extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : Words;
type DomainOf<C extends string> = C extends `${infer Domain}:${string}` ? CamelCase<Domain> : never;
type MethodOf<C extends string> = C extends `${string}:${infer Verb}` ? CamelCase<Verb> : never;

/** One call of the API: the request of its channel in, the channel's result out. */
export type ApiMethod<C extends ApiChannel> = (request: ApiRequest<C>) => Promise<ApiResult<ApiResponse<C>>>;

/** `window.iwaDoctor`: one object per domain, one method per contract channel. */
export type IwaDoctorApi = {
  readonly [Domain in DomainOf<ApiChannel>]: {
    readonly [C in ApiChannel as DomainOf<C> extends Domain ? MethodOf<C> : never]: ApiMethod<C>;
  };
};

/** Where a channel's method sits on the API object. */
export interface ApiMethodRoute {
  readonly channel: ApiChannel;
  readonly domain: string;
  readonly method: string;
}

function camelCase(words: string): string {
  return words.replace(/-([a-z0-9])/g, (_dash, letter: string) => letter.toUpperCase());
}

function routeOf(channel: ApiChannel): ApiMethodRoute {
  const [domain = '', verb = ''] = channel.split(':');
  return { channel, domain: camelCase(domain), method: camelCase(verb) };
}

/** Every channel's place on the API object, in contract order (the web bridge gets this list). */
export const apiMethodRoutes: readonly ApiMethodRoute[] = apiChannelNames.map(routeOf);

/**
 * Builds the frozen API object; `send` carries one request over the transport (IPC or HTTP)
 * and answers with whatever came back, which the renderer validates.
 */
export function createDomainApi(
  send: (channel: ApiChannel, request: unknown) => Promise<unknown>,
): IwaDoctorApi {
  const api: Record<string, Record<string, (request: unknown) => Promise<unknown>>> = {};
  for (const { channel, domain, method } of apiMethodRoutes) {
    (api[domain] ??= {})[method] = (request: unknown) => send(channel, request);
  }
  for (const methods of Object.values(api)) Object.freeze(methods);
  // The mapped type cannot be built key by key; the routes above are the same derivation.
  return Object.freeze(api) as unknown as IwaDoctorApi;
}

/** The method of `channel` on an API object, or undefined when the object lacks it. */
export function apiMethodOf<C extends ApiChannel>(api: IwaDoctorApi, channel: C): ApiMethod<C> | undefined {
  const { domain, method } = routeOf(channel);
  const methods: unknown = (api as unknown as Record<string, unknown>)[domain];
  if (typeof methods !== 'object' || methods === null) return undefined;
  const call: unknown = (methods as Record<string, unknown>)[method];
  return typeof call === 'function' ? (call as ApiMethod<C>) : undefined;
}
