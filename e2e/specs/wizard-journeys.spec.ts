/**
 * One full journey per symptom against the scenario library, as a person would walk it:
 * start → findings → fix → verified → report exported (the saved HTML holds the finding and no
 * raw token) → undo. Each symptom uses a scenario whose cause the decision tree reaches from it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { causesForSymptom } from '../../shared/wizard/decision-tree.js';
import { symptomLabel } from '../../shared/wizard/plain-labels.js';
import type { SymptomId } from '../../shared/wizard/symptoms.js';
import { repositoryRoot, startWebApp, type RunningWebApp } from '../fixtures/web-harness.js';
import { rawTokenPattern, WizardPage } from '../fixtures/wizard-page.js';

interface Journey {
  readonly symptom: SymptomId;
  /** A scenario in e2e/scenarios whose expected cause this symptom leads to. */
  readonly scenario: string;
  readonly cause: string;
  /** Whether the fix changes the whole computer, IIS or the directory (so Windows asks an administrator first). */
  readonly elevated: boolean;
}

const journeys: readonly Journey[] = [
  {
    symptom: 'prompt-once-per-session',
    scenario: 'zone-not-intranet',
    cause: 'zone-not-intranet',
    elevated: false,
  },
  {
    symptom: 'prompt-three-times',
    scenario: 'zone-logon-prompt',
    cause: 'zone-logon-prompt',
    elevated: false,
  },
  {
    symptom: 'http-401',
    scenario: 'ntlm-preauth-kernel-mode',
    cause: 'ntlm-preauth-kernel-mode',
    elevated: false,
  },
  {
    symptom: 'http-400',
    scenario: 'kerberos-token-too-large',
    cause: 'kerberos-token-too-large',
    elevated: true,
  },
  { symptom: 'works-for-me-not-others', scenario: 'proxy-in-path', cause: 'proxy-in-path', elevated: false },
  { symptom: 'works-on-server-only', scenario: 'loopback-check', cause: 'loopback-check', elevated: true },
  {
    symptom: 'check-everything',
    scenario: 'kernel-mode-no-apppool-creds',
    cause: 'kernel-mode-no-apppool-creds',
    elevated: true,
  },
  // Another cause behind the same symptom, fixed on the workstation instead of the server.
  {
    symptom: 'works-on-server-only',
    scenario: 'negotiate-disabled',
    cause: 'negotiate-disabled',
    elevated: false,
  },
];

async function scenarioUrl(id: string): Promise<string> {
  const scenario = JSON.parse(
    await readFile(join(repositoryRoot, 'e2e/scenarios', `${id}.json`), 'utf8'),
  ) as { target: { url: string } };
  return scenario.target.url;
}

let app: RunningWebApp | undefined;

test.afterEach(async () => {
  await app?.stop();
  app = undefined;
});

for (const journey of journeys) {
  test(`${journey.symptom}: ${journey.scenario} from start to undo, with the report exported`, async ({
    page,
  }) => {
    expect(
      causesForSymptom(journey.symptom),
      'the decision tree leads from the symptom to the cause',
    ).toContain(journey.cause);
    app = await startWebApp({ scenario: journey.scenario });
    await page.goto(app.url);
    const wizard = new WizardPage(page);
    const url = await scenarioUrl(journey.scenario);

    await wizard.diagnose(
      url,
      new RegExp(`^${symptomLabel(journey.symptom).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
    );
    const finding = wizard.finding(journey.cause);
    await expect(finding).toBeVisible();
    await expect(finding).toContainText(/How sure: (Proven|Likely|Possible)/);
    await expect(finding.getByRole('heading', { level: 4, name: 'Why you see this' })).toBeVisible();
    const title = (await finding.getByRole('heading', { level: 3 }).textContent()) ?? '';
    expect(title.length).toBeGreaterThan(0);

    await wizard.previewFirstFix(journey.cause);
    await expect(page.getByLabel('Exact change')).not.toBeEmpty();
    await expect(page.getByTestId('elevation-notice')).toHaveCount(journey.elevated ? 1 : 0);
    await wizard.applyAndExpectFixed(journey.cause);

    const report = await wizard.exportReport('html');
    expect(report.fileName).toMatch(/^iwa-doctor-report-.+\.html$/);
    expect(report.text).toContain(`data-cause="${journey.cause}"`);
    expect(report.text).toContain(title.replace(/&/g, '&#38;').replace(/'/g, '&#39;').replace(/"/g, '&#34;'));
    expect(report.text).toContain(
      'Sign-in tokens, passwords and other secrets were removed from this report.',
    );
    expect(report.text).not.toMatch(rawTokenPattern);
    expect(report.text).not.toMatch(/<script/i);

    await page.getByRole('button', { name: 'Undo this change' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Undone' })).toBeVisible();
    await expect(wizard.finding(journey.cause)).toBeVisible();
  });
}
