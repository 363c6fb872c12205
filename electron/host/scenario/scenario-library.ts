/**
 * The scenarios a person may load in simulation mode: the *.json files of one folder, named
 * by id (the file name). The renderer names a scenario by id; paths never cross the API.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScenarioSummary } from '../../../shared/api/contract.js';
import type { Scenario } from '../../../shared/scenario/scenario-schema.js';
import { loadScenarioFile, ScenarioFileError } from './load-scenario.js';

const scenarioIdPattern = /^[a-z0-9-]{1,64}$/;

export class ScenarioLibrary {
  constructor(readonly directory: string) {}

  async list(): Promise<ScenarioSummary[]> {
    let names: string[];
    try {
      names = await readdir(this.directory);
    } catch {
      return [];
    }
    const summaries: ScenarioSummary[] = [];
    for (const name of names.filter((file) => file.endsWith('.json')).sort()) {
      const id = name.slice(0, -'.json'.length);
      if (!scenarioIdPattern.test(id)) continue;
      try {
        const scenario = await loadScenarioFile(join(this.directory, name));
        summaries.push({ id, title: scenario.title, description: scenario.description });
      } catch {
        // A broken file is reported when someone loads it, not by hiding the whole list.
        summaries.push({ id, title: `${id} (invalid scenario file)`, description: '' });
      }
    }
    return summaries;
  }

  async load(id: string): Promise<Scenario> {
    if (!scenarioIdPattern.test(id)) throw new ScenarioFileError(`"${id}" is not a scenario id`);
    return loadScenarioFile(join(this.directory, `${id}.json`));
  }
}
