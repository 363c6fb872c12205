/**
 * Journeys for causes the person cannot fix themselves. The fix is handed over instead: the
 * admin hand-off script or the report, and "Copy summary for IT". For spn-missing the journey
 * goes on as if the domain administrator had acted: the hand-off's own setspn commands run on
 * the simulated directory through the harness's TEST-ONLY hook (with a domain administrator's
 * right to write SPNs), and "Check again" shows the finding gone.
 */
import { expect, test } from '@playwright/test';
import { symptomLabel } from '../../shared/wizard/plain-labels.js';
import { startWebApp, type RunningWebApp } from '../fixtures/web-harness.js';
import { rawTokenPattern, WizardPage } from '../fixtures/wizard-page.js';

let app: RunningWebApp | undefined;

test.afterEach(async () => {
  await app?.stop();
  app = undefined;
});

function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** The setspn -S/-D commands of a hand-off script, as argument arrays (its values are single-quoted literals). */
function setspnCommands(script: string): string[][] {
  const literal = "'((?:[^']|'')*)'";
  const command = new RegExp(`^setspn\\.exe (-[SD]) ${literal} ${literal}$`);
  return script.split(/\r?\n/).flatMap((line) => {
    const match = command.exec(line);
    if (!match) return [];
    const unquote = (value: string | undefined) => (value ?? '').replace(/''/g, "'");
    return [[match[1] ?? '', unquote(match[2]), unquote(match[3])]];
  });
}

test('prompt three times → spn-missing without the right to write SPNs: hand-off, report, summary, the admin acts, check again', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  app = await startWebApp({ scenario: 'spn-missing', testHooks: true });
  await page.goto(app.url);
  const wizard = new WizardPage(page);

  // Start: the symptom as the person sees it.
  await wizard.diagnose('https://intranet.contoso.com/', exactly(symptomLabel('prompt-three-times')));

  // The finding, its fix named but not offered (no right to write SPNs), and who can apply it.
  const finding = wizard.finding('spn-missing');
  await expect(finding).toBeVisible();
  await expect(finding.locator('.remedy button.primary')).toHaveCount(0);
  await expect(finding.locator('.remedy').first().locator('.badge-scope')).toHaveText(
    'Who can do this: Needs a domain administrator',
  );
  await expect(finding.locator('.remedy-text').first()).not.toBeEmpty();

  // The hand-off: the exact commands, for a domain administrator.
  const handoff = await wizard.saveDownload(
    'Save the commands as a script for a domain administrator (.ps1)',
    /\.ps1\. Give it to a domain administrator/,
  );
  expect(handoff.fileName).toMatch(/\.ps1$/);
  const commands = setspnCommands(handoff.text);
  expect(commands).toContainEqual(['-S', 'HTTP/intranet.contoso.com', 'CONTOSO\\svc-web']);
  expect(handoff.text).toContain('function Undo-IwaDoctorSpnChange');
  expect(handoff.text).not.toMatch(rawTokenPattern);

  // The report: the finding, who must act, no raw token (the sign-in test's token included).
  const report = await wizard.exportReport('html');
  expect(report.text).toContain('data-cause="spn-missing"');
  expect(report.text).toContain('Needs a domain administrator');
  expect(report.text).toContain('Sign-in tokens, passwords and other secrets were removed from this report.');
  expect(report.text).not.toMatch(rawTokenPattern);

  // The summary for the ticket.
  await page.getByRole('button', { name: 'Copy summary for IT' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied a short summary for IT' })).toBeVisible();
  const summary = await page.evaluate(() => navigator.clipboard.readText());
  expect(summary.split('\n')[0]).toBe('IWA Doctor: https://intranet.contoso.com/');
  expect(summary).toMatch(/^Found \(\w+\): .+ \[spn-missing\]$/m);
  expect(summary).toContain('Needs a domain administrator');
  expect(summary).not.toMatch(rawTokenPattern);

  // The domain administrator runs the script's commands (test-only hook on the simulated directory).
  expect(commands.length).toBeGreaterThan(0);
  for (const args of commands)
    expect(await app.hook('directory:run-as-domain-admin', { tool: 'setspn', args })).toMatchObject({
      exitCode: 0,
    });

  // Check again: the cause is gone.
  await page.getByRole('button', { name: 'Check again' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'No cause found' })).toBeVisible();
  await expect(wizard.finding('spn-missing')).toHaveCount(0);
});

test('once per session → kdc-unreachable (nothing to change on this PC): finding, report, summary for IT', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  app = await startWebApp({ scenario: 'kdc-unreachable' });
  await page.goto(app.url);
  const wizard = new WizardPage(page);

  await wizard.diagnose('https://intranet.contoso.com/app', exactly(symptomLabel('prompt-once-per-session')));
  const finding = wizard.finding('kdc-unreachable');
  await expect(finding).toBeVisible();
  await expect(finding).toContainText('Nothing on this computer can be changed to fix this');
  await expect(finding.locator('button')).toHaveCount(0);

  const report = await wizard.exportReport('html');
  expect(report.text).toContain('data-cause="kdc-unreachable"');
  expect(report.text).not.toMatch(rawTokenPattern);

  await page.getByRole('button', { name: 'Copy summary for IT' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied a short summary for IT' })).toBeVisible();
  const summary = await page.evaluate(() => navigator.clipboard.readText());
  expect(summary.split('\n')[0]).toBe('IWA Doctor: https://intranet.contoso.com/app');
  expect(summary).toMatch(/^Found \(\w+\): .+ \[kdc-unreachable\]$/m);
  expect(summary).not.toMatch(/^ {2}Fix:/m);
  expect(summary).not.toMatch(rawTokenPattern);
});
