/**
 * A saved report: the diagnosis as the engine returned it (findings, evidence, what was
 * ruled out, which checks ran) plus what IWA Doctor changed and undone (the journal), with
 * secrets removed unless the person asked to keep them. Saved as JSON, it opens back in the
 * app for review on another machine — read-only: offers in it are never applied.
 */
import { z } from 'zod';
import { diagnosisSchema } from '../model/diagnosis.js';
import { journalEntrySchema } from '../model/journal.js';

export const reportFormat = 'iwa-doctor-report';

export const reportDocumentSchema = z
  .object({
    format: z.literal(reportFormat),
    version: z.literal(1),
    createdAt: z.string().max(64),
    appVersion: z.string().max(64),
    /** False (the default): tokens, passwords and other secrets were removed before saving. */
    secretsIncluded: z.boolean(),
    diagnosis: diagnosisSchema,
    /** Changes IWA Doctor made for this address, from the journal (applied, failed and undone). */
    changes: z.array(journalEntrySchema).max(1000),
  })
  .strict();
export type ReportDocument = z.infer<typeof reportDocumentSchema>;
