/**
 * A saved report: the diagnosis as the engine returned it (findings, evidence, what was
 * ruled out, which checks ran) plus what IWA Doctor changed and undone (the journal), and —
 * when it is saved after a fix — the checks run again after that change, with secrets
 * removed unless the person asked to keep them. Saved as JSON, it opens back in the app for
 * review on another machine — read-only: offers in it are never applied.
 *
 * Version 2 added `recheck`; version 1 files (without it) still open.
 */
import { z } from 'zod';
import { diagnosisSchema } from '../model/diagnosis.js';
import { journalEntrySchema } from '../model/journal.js';

export const reportFormat = 'iwa-doctor-report';
/** The version this app writes; it reads every version in `readableReportVersions`. */
export const reportVersion = 2;
export const readableReportVersions: readonly number[] = [1, 2];

/** The checks IWA Doctor ran again by itself after a change (the verified step). */
export const reportRecheckSchema = z
  .object({
    /** The journal entry of the change (also listed in `changes`). */
    entryId: z.string().max(64),
    /** True when Kerberos tickets were cleared (klist purge) before these checks, after an SPN change. */
    ticketsPurged: z.boolean(),
    diagnosis: diagnosisSchema,
  })
  .strict();
export type ReportRecheck = z.infer<typeof reportRecheckSchema>;

export const reportDocumentSchema = z
  .object({
    format: z.literal(reportFormat),
    version: z.union([z.literal(1), z.literal(2)]),
    createdAt: z.string().max(64),
    appVersion: z.string().max(64),
    /** False (the default): tokens, passwords and other secrets were removed before saving. */
    secretsIncluded: z.boolean(),
    diagnosis: diagnosisSchema,
    /** Changes IWA Doctor made for this address, from the journal (applied, failed and undone). */
    changes: z.array(journalEntrySchema).max(1000),
    /** Saved after a fix: the same checks run again after the change (before/after per cause). */
    recheck: reportRecheckSchema.optional(),
  })
  .strict();
export type ReportDocument = z.infer<typeof reportDocumentSchema>;
