/** Scenario section: the simulated Windows machine and who is logged on. */
import { z } from 'zod';

export const scenarioMachineSchema = z
  .object({
    computerName: z.string().min(1).max(63),
    os: z.string().default('Windows 11 Enterprise 23H2 (simulated)'),
    isServer: z.boolean().default(false),
    /** NetBIOS domain name; null for a workgroup machine. */
    domain: z.string().nullable(),
    dnsDomain: z.string().nullable(),
    user: z.object({
      name: z.string().min(1),
      domain: z.string().min(1),
      kind: z.enum(['domain', 'local']),
    }),
    /** Whether the app already runs elevated. */
    elevated: z.boolean().default(false),
    /** What the person answers when Windows asks for elevation (UAC). */
    uac: z.enum(['accept', 'deny']).default('accept'),
  })
  .strict();
export type ScenarioMachine = z.infer<typeof scenarioMachineSchema>;
