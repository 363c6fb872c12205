/**
 * The one API between renderer and engine: channel -> request and response schemas.
 * Electron carries it through preload/ipcMain, the web harness over HTTP; both validate
 * every request and response with these schemas, because TypeScript types vanish at run time.
 *
 * Channels are named `domain:verb`. Requests carry ids, never script text, paths or
 * parameters the engine did not itself offer.
 */
import { z } from 'zod';
import { causeIdSchema, remedyScopeSchema } from '../causes/cause-catalog.js';
import { changePlanSchema } from '../model/change-plan.js';
import { diagnosisSchema, hostDescriptionSchema } from '../model/diagnosis.js';
import { journalEntrySchema } from '../model/journal.js';
import { targetSchema, targetUrlSchema } from '../model/target.js';
import { liveTestResultSchema } from '../live/live-test-result.js';
import { probeProgressSchema } from '../wizard/probe-progress.js';
import { reportDocumentSchema } from '../report/report-document.js';
import { apiChannelNames, type ApiChannelName } from './api-channel-names.js';

const idSchema = z
  .string()
  .regex(/^[a-z0-9-]{1,64}$/, 'expected an id of lowercase letters, digits and dashes');

/** A diagnosis run, named by the renderer (a random UUID). */
export const runIdSchema = idSchema;

export const scenarioSummarySchema = z.object({
  id: idSchema,
  title: z.string(),
  description: z.string(),
});
export type ScenarioSummary = z.infer<typeof scenarioSummarySchema>;

export const apiContract = {
  'app:info': {
    request: z.object({}).strict(),
    response: z.object({
      version: z.string(),
      transport: z.enum(['electron', 'web']),
      host: hostDescriptionSchema.nullable(),
      /** True when the engine simulates Windows from a scenario (shown as "simulation" in the UI). */
      simulation: z.boolean(),
      /** Scenarios the person may load (only where the engine runs in simulation mode). */
      scenarios: z.array(scenarioSummarySchema),
      /** The target the loaded scenario is about, to prefill the start step. */
      target: targetSchema.nullable(),
    }),
  },
  'causes:list': {
    request: z.object({}).strict(),
    response: z.array(
      z.object({
        id: causeIdSchema,
        title: z.string(),
        scope: remedyScopeSchema,
        side: z.enum(['client', 'server']),
      }),
    ),
  },
  'scenario:load': {
    request: z.object({ id: idSchema }).strict(),
    response: z.object({
      host: hostDescriptionSchema,
      /** The target the scenario is about, to prefill the start step. */
      target: targetSchema,
    }),
  },
  /**
   * The renderer names each run with an id it makes itself, so a cancel that reaches the engine
   * before the run request still stops that run (the engine then never starts it).
   */
  'diagnosis:run': {
    request: targetSchema.extend({ runId: runIdSchema }).strict(),
    response: diagnosisSchema,
  },
  /** Addresses this person checked before, newest first (remembered per user, beside the journal). */
  'targets:recent': {
    request: z.object({}).strict(),
    response: z.array(targetSchema).max(20),
  },
  /** How far the running diagnosis is, probe by probe (the renderer asks while it waits). */
  'diagnosis:progress': {
    request: z.object({}).strict(),
    response: z.object({ running: z.boolean(), probes: z.array(probeProgressSchema) }),
  },
  /**
   * Stops the run with this id after the probe in progress (its answer is then an error), or,
   * when its request has not arrived yet, makes sure it never starts. `cancelled` is false only
   * for a run that had already finished.
   */
  'diagnosis:cancel': {
    request: z.object({ runId: runIdSchema }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  /**
   * The report as PDF: the engine renders the same self-contained HTML as "Save the report (web
   * page)" from this document (already redacted unless the person opted in) and prints that,
   * never the app window. Where the engine cannot print (the web harness) the answer is
   * `unavailable` and the renderer prints the report HTML from a sandboxed frame instead.
   */
  'report:pdf': {
    request: z.object({ report: reportDocumentSchema }).strict(),
    response: z.object({ pdfBase64: z.string().max(50_000_000) }),
  },
  /**
   * "Test sign-in": the live test of the real site from the computer the engine runs on, as the
   * person signed in there (never the simulated machine). The renderer sends only the URL; DNS
   * server, trusted CAs and time limits are the engine's own start-up settings.
   */
  'live:test': {
    request: z.object({ url: targetUrlSchema }).strict(),
    response: liveTestResultSchema,
  },
  'remedy:preview': {
    request: z.object({ offerId: idSchema }).strict(),
    response: changePlanSchema,
  },
  'remedy:apply': {
    request: z.object({ offerId: idSchema }).strict(),
    response: z.object({ entry: journalEntrySchema, verification: diagnosisSchema }),
  },
  'journal:list': {
    request: z.object({}).strict(),
    response: z.array(journalEntrySchema),
  },
  'journal:undo': {
    request: z.object({ entryId: idSchema }).strict(),
    response: z.object({ entry: journalEntrySchema, verification: diagnosisSchema.nullable() }),
  },
  /**
   * The admin hand-off for an Active Directory (SPN) fix: a readable .ps1 the engine builds
   * from its own offer (issue 6). The renderer names the offer; it never sends script text.
   */
  'handoff:export': {
    request: z.object({ offerId: idSchema }).strict(),
    response: z.object({
      fileName: z.string().regex(/^[a-z0-9.-]{1,120}\.ps1$/),
      script: z.string().max(200_000),
    }),
  },
  /** After an SPN change: klist purge on this computer, then the checks again (before/after). */
  'kerberos:purge-and-retest': {
    request: z.object({ entryId: idSchema }).strict(),
    response: z.object({ purge: z.string(), verification: diagnosisSchema }),
  },
  // Exactly the channels api-channel-names.ts lists: a missing or an extra one does not compile.
} as const satisfies Record<ApiChannelName, { request: z.ZodType; response: z.ZodType }>;

export type ApiContract = typeof apiContract;
export type ApiChannel = keyof ApiContract;
export type ApiRequest<C extends ApiChannel> = z.input<ApiContract[C]['request']>;
export type ApiResponse<C extends ApiChannel> = z.output<ApiContract[C]['response']>;

export const apiChannels: readonly ApiChannel[] = apiChannelNames;

export function isApiChannel(value: unknown): value is ApiChannel {
  return typeof value === 'string' && Object.hasOwn(apiContract, value);
}

/** Expected failures come back as values, not thrown strings (style.md). */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export interface ApiError {
  /** One line a person can read. */
  readonly message: string;
  readonly code: 'bad-request' | 'not-found' | 'precondition-failed' | 'failed' | 'unavailable';
}

export const apiResultSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({
      ok: z.literal(false),
      error: z.object({
        message: z.string(),
        code: z.enum(['bad-request', 'not-found', 'precondition-failed', 'failed', 'unavailable']),
      }),
    }),
  ]);
