/** The result of one diagnosis run: what ran, what it saw, what it concluded. */
import { z } from 'zod';
import { evidenceSchema } from './evidence.js';
import { findingSchema, ruledOutSchema } from './finding.js';
import { targetSchema } from './target.js';
import { verdictSchema } from './verdict.js';

export const probeRunStatuses = ['ok', 'failed', 'unavailable'] as const;

export const probeRunSchema = z.object({
  probe: z.string(),
  /** What it checks, in plain words. */
  title: z.string(),
  status: z.enum(probeRunStatuses),
  /** Why it failed or could not run (not Windows, no rights, timed out). */
  message: z.string().optional(),
});
export type ProbeRun = z.infer<typeof probeRunSchema>;

export const hostDescriptionSchema = z.object({
  kind: z.enum(['powershell', 'scenario']),
  /** Computer name, or the scenario's title for a simulation. */
  machine: z.string(),
  scenario: z.object({ id: z.string(), title: z.string() }).optional(),
});
export type HostDescription = z.infer<typeof hostDescriptionSchema>;

export const diagnosisSchema = z.object({
  runId: z.string(),
  target: targetSchema,
  host: hostDescriptionSchema,
  startedAt: z.string(),
  finishedAt: z.string(),
  probes: z.array(probeRunSchema),
  evidence: z.array(evidenceSchema),
  findings: z.array(findingSchema),
  ruledOut: z.array(ruledOutSchema),
  /**
   * The server verdict (SPN → account → pool → decryption), when the server checks ran.
   * Optional: workstation diagnoses and reports saved before it existed have none.
   */
  verdict: verdictSchema.optional(),
});
export type Diagnosis = z.infer<typeof diagnosisSchema>;
