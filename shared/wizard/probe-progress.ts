/** One planned probe's progress while a diagnosis runs, as the wizard shows it. */
import { z } from 'zod';

export const probeProgressPhases = ['waiting', 'running', 'ok', 'failed', 'unavailable'] as const;

export const probeProgressSchema = z.object({
  probe: z.string(),
  /** What it checks, in plain words. */
  title: z.string(),
  phase: z.enum(probeProgressPhases),
  /** Why it failed or could not run. */
  message: z.string().optional(),
});
export type ProbeProgress = z.infer<typeof probeProgressSchema>;
