/**
 * Scenario format v1: a simulated Windows machine and its surroundings, described
 * semantically (registry values, the logged-on account, domain, DNS, IIS, AD accounts and
 * SPNs, proxy, what the web server answers), never as canned command output: the scenario
 * host prints command output in the real formats from this state, and remedies change it.
 *
 * Each section lives in its own file under sections/; docs/scenario-format.md explains them
 * and `npm run schema` writes docs/scenario.schema.json from this schema.
 */
import { z } from 'zod';
import { causeIdSchema } from '../causes/cause-catalog.js';
import { targetSchema } from '../model/target.js';
import { scenarioDirectorySchema } from './sections/directory.js';
import { scenarioDnsSchema } from './sections/dns.js';
import { scenarioFirefoxSchema } from './sections/firefox.js';
import { scenarioIisSchema } from './sections/iis.js';
import { scenarioMachineSchema } from './sections/machine.js';
import { scenarioRegistrySchema } from './sections/registry.js';
import { scenarioWebServerSchema } from './sections/web-server.js';
import { scenarioWorkstationSchema } from './sections/workstation.js';

export const scenarioFormatVersion = 1;

export const scenarioSchema = z
  .object({
    $schema: z.string().optional(),
    format: z.literal('iwa-doctor-scenario'),
    version: z.literal(scenarioFormatVersion),
    /** Matches the file name: the cause it demonstrates, or healthy-<what>. */
    id: z.string().regex(/^[a-z0-9-]{1,64}$/),
    title: z.string().min(1),
    description: z.string(),
    /** What the person reports: the address and what they see. */
    target: targetSchema,
    /** What a correct diagnosis finds (tests check it; the app never reads it). */
    expect: z.object({ causes: z.array(causeIdSchema) }).strict(),
    machine: scenarioMachineSchema,
    registry: scenarioRegistrySchema,
    iis: scenarioIisSchema.optional(),
    directory: scenarioDirectorySchema.optional(),
    workstation: scenarioWorkstationSchema.optional(),
    firefox: scenarioFirefoxSchema.optional(),
    dns: scenarioDnsSchema.optional(),
    webServer: scenarioWebServerSchema.optional(),
  })
  .strict();

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
