/**
 * Reads and validates a scenario file. Bad input gets one clear line (which file, which
 * field, what is wrong) and changes nothing.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { scenarioSchema, type Scenario } from '../../../shared/scenario/scenario-schema.js';

export class ScenarioFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioFileError';
  }
}

/** The largest scenario file accepted; real ones are a few KB. */
const maxScenarioBytes = 4 * 1024 * 1024;

export function parseScenario(text: string, origin: string): Scenario {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ScenarioFileError(`${origin} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = scenarioSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'top level';
    throw new ScenarioFileError(
      `${origin} is not a valid scenario: ${where}: ${issue?.message ?? z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

export async function loadScenarioFile(path: string): Promise<Scenario> {
  let buffer: Buffer;
  try {
    buffer = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ScenarioFileError(
      code === 'ENOENT'
        ? `scenario file ${path} does not exist`
        : `cannot read scenario file ${path}: ${code ?? (error as Error).message}`,
    );
  }
  if (buffer.byteLength > maxScenarioBytes)
    throw new ScenarioFileError(`scenario file ${path} is larger than 4 MB`);
  return parseScenario(buffer.toString('utf8'), path);
}
