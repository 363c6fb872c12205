/**
 * Scenario section: registry keys and their values. Keys are written as regedit shows them
 * ("HKCU\Software\..."); a key listed without values exists but is empty. Parent keys of a
 * listed key exist implicitly.
 */
import { z } from 'zod';
import { registryValueNameSchema, registryValueSchema } from '../../host/registry.js';

export const scenarioRegistryKeySchema = z
  .object({
    key: z
      .string()
      .regex(
        /^(HKCU|HKLM)\\[^\\](?:.*[^\\])?$/,
        'a registry key starts with HKCU\\ or HKLM\\ and has no trailing backslash',
      ),
    values: z.record(registryValueNameSchema, registryValueSchema).default({}),
  })
  .strict();

export const scenarioRegistrySchema = z.array(scenarioRegistryKeySchema).default([]);
export type ScenarioRegistryKey = z.infer<typeof scenarioRegistryKeySchema>;
