/**
 * The remedy journal: one entry per applied remedy, written (state "pending", with the
 * previous state of everything it touches) before the first change, so nothing is lost if
 * the app dies half-way, and undo restores exactly what was there.
 */
import { z } from 'zod';
import { remedyScopeSchema } from '../causes/cause-catalog.js';
import { changeOperationSchema, previousStateSchema } from './change-plan.js';
import { symptomIdSchema } from '../wizard/symptoms.js';
import { remedyIdSchema } from './remedy-ids.js';
import { restartRequiredSchema } from './restart-required.js';
import { decisionAnswersSchema } from './target.js';

export const journalStates = ['pending', 'applied', 'failed', 'undone'] as const;

export const journaledOperationSchema = z.object({
  operation: changeOperationSchema,
  previous: previousStateSchema.nullable(),
});
export type JournaledOperation = z.infer<typeof journaledOperationSchema>;

export const journalEntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  remedy: remedyIdSchema,
  title: z.string(),
  scope: remedyScopeSchema,
  /** The URL the diagnosis was about. */
  targetUrl: z.string(),
  /**
   * The symptom of that diagnosis, so checks after an undo (even after a restart) read what
   * the diagnosis before the fix read. Absent in entries written before it was recorded.
   */
  targetSymptom: symptomIdSchema.optional(),
  /** The answers to the wizard's questions of that diagnosis (they chose its checks), when there were any. */
  targetAnswers: decisionAnswersSchema.optional(),
  /** Which machine: "scenario:<name>" or the Windows computer name. */
  machine: z.string(),
  exactChange: z.array(z.string()),
  /** Whether applying (and so undoing) it needs an elevated host. */
  needsElevation: z.boolean().default(false),
  /** What must restart before the change (and its undo) takes effect; absent: at once. */
  restartRequired: restartRequiredSchema.optional(),
  operations: z.array(journaledOperationSchema),
  state: z.enum(journalStates),
  createdAt: z.string(),
  appliedAt: z.string().optional(),
  undoneAt: z.string().optional(),
  error: z.string().optional(),
});
export type JournalEntry = z.infer<typeof journalEntrySchema>;
