/**
 * One full journey per symptom against the scenario library, as a person would walk it:
 * start → running (progress per check, held by the harness's test-only probe gate) → findings
 * (raw evidence opened, who may fix it, which browsers, what was ruled out) → fix → verified →
 * report exported (the saved HTML holds the finding, the checks run again after the change, the
 * change itself, and no raw token) → undo → report exported again (it says the change was undone).
 * Each symptom uses a scenario whose cause the decision tree reaches from it through the answers
 * the journey gives on the start page (a test below checks every journey without a browser).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { RemedyScope } from '../../shared/causes/cause-catalog.js';
import { targetSchema } from '../../shared/model/target.js';
import { causesForTarget, type DecisionAnswers } from '../../shared/wizard/decision-tree.js';
import { scopeLabels, symptomLabel } from '../../shared/wizard/plain-labels.js';
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
  /** Who may apply the fix the journey applies (its scope badge). */
  readonly scope: RemedyScope;
  /** How the person answers the start page's questions (a question left out: "I do not know"). */
  readonly answers?: DecisionAnswers;
}

const journeys: readonly Journey[] = [
  {
    symptom: 'prompt-once-per-session',
    scenario: 'zone-not-intranet',
    cause: 'zone-not-intranet',
    elevated: false,
    scope: 'user',
  },
  {
    symptom: 'prompt-three-times',
    scenario: 'zone-logon-prompt',
    cause: 'zone-logon-prompt',
    elevated: false,
    scope: 'user',
    answers: { 'where-it-fails': 'on-a-pc' },
  },
  // Three prompts only when browsing the site on the web server itself: the loopback check.
  {
    symptom: 'prompt-three-times',
    scenario: 'loopback-check',
    cause: 'loopback-check',
    elevated: true,
    scope: 'machine',
    answers: { 'where-it-fails': 'on-the-server' },
  },
  {
    symptom: 'http-401',
    scenario: 'ntlm-preauth-kernel-mode',
    cause: 'ntlm-preauth-kernel-mode',
    elevated: false,
    scope: 'user',
    answers: { 'which-401': '401-1' },
  },
  {
    symptom: 'http-400',
    scenario: 'kerberos-token-too-large',
    cause: 'kerberos-token-too-large',
    elevated: true,
    scope: 'machine',
  },
  // Run on the PC of someone for whom it fails: that PC sends the site through a proxy.
  {
    symptom: 'works-for-me-not-others',
    scenario: 'proxy-in-path',
    cause: 'proxy-in-path',
    elevated: false,
    scope: 'user',
    answers: { 'running-where': 'on-a-failing-pc' },
  },
  // Other PCs sign in, this one does not: something on this PC.
  {
    symptom: 'works-on-server-only',
    scenario: 'negotiate-disabled',
    cause: 'negotiate-disabled',
    elevated: false,
    scope: 'user',
    answers: { 'other-pcs': 'only-my-pc-fails' },
  },
  {
    symptom: 'check-everything',
    scenario: 'kernel-mode-no-apppool-creds',
    cause: 'kernel-mode-no-apppool-creds',
    elevated: true,
    scope: 'iis',
  },
  // Another cause of a PC that cannot sign in while the server can: its zone settings.
  {
    symptom: 'works-on-server-only',
    scenario: 'zone-not-intranet',
    cause: 'zone-not-intranet',
    elevated: false,
    scope: 'user',
    answers: { 'other-pcs': 'only-my-pc-fails' },
  },
];

async function scenarioUrl(id: string): Promise<string> {
  const scenario = JSON.parse(
    await readFile(join(repositoryRoot, 'e2e/scenarios', `${id}.json`), 'utf8'),
  ) as { target: { url: string } };
  return scenario.target.url;
}

test('every journey’s cause is reachable from its symptom through the answers it gives', async () => {
  for (const journey of journeys) {
    const name = `${journey.symptom} → ${journey.cause}`;
    expect(
      targetSchema.safeParse({
        url: 'https://intranet.contoso.com/',
        symptom: journey.symptom,
        answers: journey.answers,
      }).success,
      `${name}: the answers are ids the tree has`,
    ).toBe(true);
    expect(causesForTarget(journey.symptom, journey.answers), name).toContain(journey.cause);
    const scenario = JSON.parse(
      await readFile(join(repositoryRoot, 'e2e/scenarios', `${journey.scenario}.json`), 'utf8'),
    ) as { expect: { causes: string[] } };
    expect(scenario.expect.causes, `${name}: the scenario demonstrates the cause`).toContain(journey.cause);
  }
  // Every symptom has its journey.
  expect(new Set(journeys.map((journey) => journey.symptom)).size).toBe(7);
});

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
      causesForTarget(journey.symptom, journey.answers),
      'the decision tree leads from the symptom, through the answers given, to the cause',
    ).toContain(journey.cause);
    app = await startWebApp({ scenario: journey.scenario, testHooks: true });
    await page.goto(app.url);
    const wizard = new WizardPage(page);
    const url = await scenarioUrl(journey.scenario);

    // Start, then the running step with its progress per check, one check at a time.
    await page.getByLabel('Address of the site that asks for your password').fill(url);
    await page
      .getByRole('radio', {
        name: new RegExp(`^${symptomLabel(journey.symptom).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
      })
      .check();
    await wizard.answerQuestions(journey.symptom, journey.answers ?? {});
    await wizard.startHeldDiagnosis(app);
    await wizard.expectProgressPerProbe(app);
    await wizard.releaseProbes(app);

    const finding = wizard.finding(journey.cause);
    await expect(finding).toBeVisible();
    await expect(finding).toContainText(/How sure: (Proven|Likely|Possible)/);
    await expect(finding.getByRole('heading', { level: 4, name: 'Why you see this' })).toBeVisible();
    const title = (await finding.getByRole('heading', { level: 3 }).textContent()) ?? '';
    expect(title.length).toBeGreaterThan(0);
    // The evidence behind it, down to what Windows itself printed.
    await wizard.openRawEvidence(journey.cause);
    // Which browsers it touches.
    await expect(finding.getByText('Browsers affected:')).toBeVisible();
    await expect(finding.locator('p', { hasText: 'Browsers affected:' })).toHaveText(
      /^Browsers affected: \S.+/,
    );
    // Who may apply the fix, in the words of the report.
    await expect(finding.locator('.remedy').first().locator('.badge-scope')).toHaveText(
      `Who can do this: ${scopeLabels[journey.scope]}`,
    );
    // What was checked and found fine.
    const ruledOut = await wizard.openRuledOut();
    expect(await ruledOut.count()).toBeGreaterThan(0);
    await expect(ruledOut.first()).not.toBeEmpty();

    const fixTitle = await wizard.previewFirstFix(journey.cause);
    await expect(page.getByLabel('Exact change')).not.toBeEmpty();
    await expect(page.getByTestId('elevation-notice')).toHaveCount(journey.elevated ? 1 : 0);
    await wizard.applyAndExpectFixed(journey.cause);

    const report = await wizard.exportReport('html');
    expect(report.fileName).toMatch(/^iwa-doctor-report-.+\.html$/);
    expect(report.text).toContain(`data-cause="${journey.cause}"`);
    expect(report.text).toContain(escapeForHtml(title));
    expect(report.text).toContain(
      'Sign-in tokens, passwords and other secrets were removed from this report.',
    );
    expect(report.text).not.toMatch(rawTokenPattern);
    expect(report.text).not.toMatch(/<script/i);
    // Saved after the fix, it says what the checks found after the change, and which change it was.
    expect(report.text).toContain('<h2>Checked again after the change</h2>');
    expect(report.text).toMatch(
      new RegExp(
        `<tr data-cause="${journey.cause}" data-outcome="gone"><td>[^<]+</td><td>Found \\([A-Za-z]+\\)</td><td>Gone</td></tr>`,
      ),
    );
    expect(report.text).toContain(`<strong>${escapeForHtml(fixTitle)}</strong> — Applied`);

    await page.getByRole('button', { name: 'Undo this change' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Undone' })).toBeVisible();
    await expect(wizard.finding(journey.cause)).toBeVisible();

    // The report saved now says the change was undone.
    const afterUndo = await wizard.exportReport('html');
    expect(afterUndo.text).toContain(`<strong>${escapeForHtml(fixTitle)}</strong> — Undone`);
    expect(afterUndo.text).toMatch(/, undone \d{4}-\d\d-\d\dT/);
    expect(afterUndo.text).toContain(`data-cause="${journey.cause}"`);
    expect(afterUndo.text).not.toMatch(rawTokenPattern);
  });
}

/** How report-html.ts escapes text (every & < > " ' as a numeric reference). */
function escapeForHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
