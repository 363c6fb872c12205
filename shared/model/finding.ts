/**
 * Findings: a cause from the catalog, how sure we are, the evidence that proves it, a plain
 * explanation, and the remedies on offer (Status / Details / Remediation).
 */
import { z } from 'zod';
import { causeIdSchema, remedyScopeSchema } from '../causes/cause-catalog.js';
import { remedyIdSchema } from './remedy-ids.js';

export const confidenceLevels = ['confirmed', 'likely', 'possible'] as const;
export const confidenceSchema = z.enum(confidenceLevels);
export type Confidence = z.infer<typeof confidenceSchema>;

const remedyParamValue = z.union([z.string().max(2048), z.number(), z.boolean()]);

/**
 * A remedy the engine offers for one finding. The renderer names it back by `offerId`
 * only: it never sends parameters, script text or paths (README, Security).
 */
export const remedyOfferSchema = z.object({
  offerId: z.string().regex(/^[a-z0-9-]{1,64}$/),
  remedy: remedyIdSchema,
  /** The button label, e.g. "Add to Local intranet". */
  title: z.string(),
  scope: remedyScopeSchema,
  params: z.record(z.string(), remedyParamValue),
  /** False when the person may not apply it (policy-enforced, needs rights they lack). */
  available: z.boolean(),
  unavailableReason: z.string().optional(),
});
export type RemedyOffer = z.infer<typeof remedyOfferSchema>;

export const findingSchema = z.object({
  cause: causeIdSchema,
  confidence: confidenceSchema,
  title: z.string(),
  /** Why this causes what the person sees, in plain words, with the specifics of this case. */
  explanation: z.string(),
  /** Ids of the evidence that proves it. */
  evidence: z.array(z.string()),
  /** Which browsers this applies to. */
  browsers: z.string().optional(),
  remedies: z.array(remedyOfferSchema),
});
export type Finding = z.infer<typeof findingSchema>;

/** A check that ran and found nothing wrong ("what we ruled out"). */
export const ruledOutSchema = z.object({
  cause: causeIdSchema,
  summary: z.string(),
  evidence: z.array(z.string()),
});
export type RuledOut = z.infer<typeof ruledOutSchema>;
