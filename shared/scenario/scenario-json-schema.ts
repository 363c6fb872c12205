/** The scenario format as JSON Schema, generated from the zod schema (one source of truth). */
import { z } from 'zod';
import { scenarioFormatVersion, scenarioSchema } from './scenario-schema.js';

export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }),
    $id: `https://iwa-doctor.dev/schema/scenario-v${scenarioFormatVersion}.json`,
    title: `IWA Doctor scenario, format version ${scenarioFormatVersion}`,
  };
}
