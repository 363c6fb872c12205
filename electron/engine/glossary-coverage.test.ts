/**
 * Every text a person reads from a diagnosis — finding titles and explanations, which browsers
 * it touches, fix titles and why a fix is not available, what was ruled out — explains its
 * Windows terms (shared/wizard/glossary-coverage.ts), over every scenario of the library, for
 * the scenario's own symptom and for "check everything". A rule that brings in a new term
 * without a glossary entry fails here.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../shared/model/diagnosis.js';
import type { Scenario } from '../../shared/scenario/scenario-schema.js';
import { unexplainedTerms } from '../../shared/wizard/glossary-coverage.js';
import { loadScenarioFile } from '../host/scenario/load-scenario.js';
import { ScenarioHost } from '../host/scenario/scenario-host.js';
import { diagnose } from './diagnose.js';

const scenarioDirectory = fileURLToPath(new URL('../../e2e/scenarios/', import.meta.url));
const scenarioFiles = (await readdir(scenarioDirectory)).filter((name) => name.endsWith('.json')).sort();

/** Fields of a scenario that name things on the machine checked (computers, pools, accounts, domains). */
const nameFields = new Set([
  'computerName',
  'domain',
  'dnsDomain',
  'netbiosDomain',
  'realm',
  'name',
  'userName',
  'samAccountName',
  'appPool',
]);

/** The names a scenario gives its machine, sites, pools, accounts and domains, in lower case. */
function localNamesOf(scenario: Scenario): Set<string> {
  const names = new Set<string>();
  const visit = (value: unknown, key: string | null) => {
    if (typeof value === 'string') {
      if (key !== null && nameFields.has(key))
        for (const word of value.split(/[^A-Za-z0-9_-]+/)) if (word) names.add(word.toLowerCase());
      return;
    }
    if (Array.isArray(value)) for (const item of value) visit(item, key);
    else if (value !== null && typeof value === 'object')
      for (const [name, item] of Object.entries(value)) visit(item, name);
  };
  visit(scenario, null);
  return names;
}

/** The texts of a diagnosis a person reads (evidence summaries quote Windows' own output instead). */
function textsOf(diagnosis: Diagnosis): string[] {
  return [
    ...diagnosis.findings.flatMap((finding) => [
      finding.title,
      finding.explanation,
      ...(finding.browsers ? [finding.browsers] : []),
      ...finding.remedies.flatMap((remedy) => [
        remedy.title,
        ...(remedy.unavailableReason ? [remedy.unavailableReason] : []),
      ]),
    ]),
    ...diagnosis.ruledOut.map((item) => item.summary),
  ];
}

describe.each(scenarioFiles)('glossary coverage, scenario %s', (file) => {
  it('explains every Windows term its diagnoses show', async () => {
    const scenario = await loadScenarioFile(join(scenarioDirectory, file));
    const localNames = localNamesOf(scenario);
    const problems = new Set<string>();
    let scanned = 0;
    for (const symptom of new Set([scenario.target.symptom, 'check-everything'] as const)) {
      const diagnosis = await diagnose(new ScenarioHost(scenario), { ...scenario.target, symptom });
      for (const text of textsOf(diagnosis)) {
        scanned += 1;
        for (const problem of unexplainedTerms(text, localNames)) problems.add(`${problem} — in “${text}”`);
      }
    }
    // Every scenario shows something: findings, or at least what was ruled out.
    expect(scanned).toBeGreaterThan(0);
    expect([...problems]).toEqual([]);
  });
});
