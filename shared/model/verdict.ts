/**
 * The verdict of a server diagnosis (issue 6) as its own field: the chain from the SPN a
 * browser asks for to the account that must decrypt the ticket, one link at a time, and which
 * link breaks. The findings view shows it as a headline, the admin hand-off quotes it, and a
 * saved report keeps it. Optional in the diagnosis: workstation-only diagnoses have none, and
 * reports saved before it existed still open.
 */
import { z } from 'zod';
import { causeIdSchema } from '../causes/cause-catalog.js';

export const verdictArrow = ' → ';

export const verdictSchema = z
  .object({
    /** The links in order, e.g. "Browsers ask for HTTP/web01.contoso.com", "registered on CONTOSO\svc-web". */
    links: z.array(z.string().min(1).max(4000)).min(1).max(20),
    /** Index in `links` of the link that breaks (the last one); null when none breaks. */
    brokenLink: z.number().int().min(0).max(19).nullable(),
    /** The finding the broken link became; null when none breaks or the chain could not be finished. */
    cause: causeIdSchema.nullable(),
    /** False when the chain stopped at something that could not be read (the last link says what). */
    complete: z.boolean(),
  })
  .strict()
  .refine((verdict) => verdict.brokenLink === null || verdict.brokenLink < verdict.links.length, {
    message: 'the broken link must be one of the links',
  });
export type Verdict = z.infer<typeof verdictSchema>;

/** The verdict as one line, links joined by arrows (how the CLI, the evidence and the hand-off print it). */
export function verdictLine(verdict: Pick<Verdict, 'links'>): string {
  return verdict.links.join(verdictArrow);
}

/** Whether the chain holds all the way: every link read, none broken. */
export function verdictHolds(verdict: Pick<Verdict, 'brokenLink' | 'complete'>): boolean {
  return verdict.complete && verdict.brokenLink === null;
}
