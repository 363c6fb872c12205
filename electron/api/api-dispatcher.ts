/**
 * Serves the API contract from the engine, for every transport (Electron IPC and the web
 * harness). Requests are `unknown` until the channel's zod schema says otherwise; responses
 * are validated too, so neither side ever trusts the other's types (style.md).
 */
import {
  apiContract,
  isApiChannel,
  type ApiChannel,
  type ApiError,
  type ApiResponse,
  type ApiResult,
} from '../../shared/api/contract.js';
import { withSecretsPolicy } from '../../shared/report/build-report.js';
import { renderReportHtml } from '../../shared/report/report-html.js';
import { HostError } from '../host/host.js';
import { ScenarioFileError } from '../host/scenario/load-scenario.js';
import { EngineError, type Engine } from '../engine/engine.js';
import { JournalFileError } from '../engine/journal/journal-store.js';
import { createLiveTestRunner } from '../live/live-test-runner.js';
import type { LiveTestOptions } from '../live/run-live-sign-in-test.js';

type Handlers = {
  [C in ApiChannel]: (
    request: ReturnType<(typeof apiContract)[C]['request']['parse']>,
  ) => Promise<ApiResponse<C>> | ApiResponse<C>;
};

/** Capabilities only some transports have (Electron prints to PDF; the web harness cannot). */
export interface DispatcherCapabilities {
  /**
   * A self-contained HTML document printed to PDF (Electron: a hidden, sandboxed window without
   * JavaScript, `webContents.printToPDF`; electron/main/print-to-pdf.ts).
   */
  readonly printHtmlToPdf?: (html: string) => Promise<Uint8Array>;
  /** Start-up settings of the live sign-in test (DNS server, trusted CAs, time limit); default: the system's. */
  readonly liveTestOptions?: LiveTestOptions;
}

function handlersFor(engine: Engine, capabilities: DispatcherCapabilities): Handlers {
  const liveTest = createLiveTestRunner(capabilities.liveTestOptions);
  return {
    'app:info': () => engine.info(),
    'causes:list': () => engine.causes(),
    'scenario:load': ({ id }) => engine.loadScenario(id),
    'diagnosis:run': ({ runId, ...target }) => engine.runDiagnosis(target, runId),
    'diagnosis:progress': () => engine.diagnosisProgress(),
    'diagnosis:cancel': ({ runId }) => engine.cancelDiagnosis(runId),
    'targets:recent': () => engine.recentTargetList(),
    'report:pdf': async ({ report }) => {
      if (!capabilities.printHtmlToPdf)
        throw new EngineError(
          'this window cannot make a PDF itself; use the browser’s Print instead',
          'unavailable',
        );
      // The PDF is the saved web page, printed: the same HTML, the same redaction.
      const html = renderReportHtml(withSecretsPolicy(report));
      return { pdfBase64: Buffer.from(await capabilities.printHtmlToPdf(html)).toString('base64') };
    },
    'live:test': ({ url }) => liveTest.run(url),
    'remedy:preview': ({ offerId }) => engine.previewRemedy(offerId),
    'remedy:apply': ({ offerId }) => engine.applyRemedy(offerId),
    'journal:list': () => engine.journalEntries(),
    'journal:undo': ({ entryId }) => engine.undo(entryId),
    'handoff:export': ({ offerId }) => engine.exportHandoff(offerId),
    'kerberos:purge-and-retest': ({ entryId }) => engine.purgeTicketsAndRetest(entryId),
  };
}

function toApiError(error: unknown): ApiError {
  if (error instanceof EngineError) return { code: error.code, message: error.message };
  if (error instanceof ScenarioFileError) return { code: 'bad-request', message: error.message };
  if (error instanceof JournalFileError) return { code: 'failed', message: error.message };
  if (error instanceof HostError) {
    return {
      code:
        error.code === 'access-denied' || error.code === 'elevation-refused'
          ? 'precondition-failed'
          : 'failed',
      message: error.message,
    };
  }
  return {
    code: 'failed',
    message: `unexpected error: ${error instanceof Error ? error.message : String(error)}`,
  };
}

export type ApiDispatcher = (channel: unknown, request: unknown) => Promise<ApiResult<unknown>>;

export function createApiDispatcher(
  engine: Engine,
  onUnexpected: (error: unknown) => void = () => undefined,
  capabilities: DispatcherCapabilities = {},
): ApiDispatcher {
  const handlers = handlersFor(engine, capabilities);
  return async (channel, request) => {
    if (!isApiChannel(channel))
      return { ok: false, error: { code: 'bad-request', message: 'unknown API channel' } };
    const contract = apiContract[channel];
    const parsed = contract.request.safeParse(request ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        ok: false,
        error: {
          code: 'bad-request',
          message: `${channel}: ${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid'}`,
        },
      };
    }
    try {
      const handler = handlers[channel] as (request: unknown) => Promise<unknown> | unknown;
      const value = contract.response.parse(await handler(parsed.data));
      return { ok: true, value };
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.message.startsWith('unexpected error')) onUnexpected(error);
      return { ok: false, error: apiError };
    }
  };
}
