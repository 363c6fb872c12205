/**
 * Kerberos client causes through the UI (issue 5): fixes that cannot be undone say so before
 * they run and offer no Undo afterwards (a saved password, cleared tickets); the clock fix asks
 * for administrator permission first; an unreachable domain controller is explained, with
 * nothing to click.
 */
import { expect, test } from '@playwright/test';
import { startWebApp, type RunningWebApp } from '../fixtures/web-harness.js';
import { WizardPage } from '../fixtures/wizard-page.js';

let app: RunningWebApp;

test.afterEach(async () => {
  await app?.stop();
});

const url = 'https://intranet.contoso.com/app';

const irreversible = [
  {
    scenario: 'stored-credentials',
    says: 'CONTOSO\\bob',
    exactChange: 'cmdkey /delete:intranet.contoso.com',
    note: /Windows never lets a program read a saved password/,
    kept: /This cannot be undone: remove the saved sign-in Domain:target=intranet\.contoso\.com .*user CONTOSO\\bob/,
  },
  {
    scenario: 'stale-ticket',
    says: 'HTTP/intranet.contoso.com',
    exactChange: 'klist purge',
    note: /There is nothing to undo/,
    kept: /This cannot be undone: klist purge cleared 2 cached Kerberos tickets/,
  },
] as const;

for (const walk of irreversible) {
  test(`${walk.scenario}: says before applying that it cannot be undone, fixes it, offers no undo`, async ({
    page,
  }) => {
    app = await startWebApp({ scenario: walk.scenario });
    await page.goto(app.url);
    const wizard = new WizardPage(page);
    await wizard.diagnose(url, /once per browser session/);
    await expect(wizard.finding(walk.scenario)).toContainText(walk.says);

    await wizard.previewFirstFix(walk.scenario);
    await expect(page.getByLabel('Exact change')).toHaveText(walk.exactChange);
    await expect(page.getByTestId('cannot-undo')).toContainText('This change cannot be undone.');
    await expect(page.getByText('so you can undo this here afterwards')).toHaveCount(0);
    await expect(page.locator('ul.notes')).toContainText(walk.note);

    await wizard.applyAndExpectFixed(walk.scenario);
    await expect(page.getByTestId('cannot-undo')).toContainText(walk.kept);
    await expect(page.getByRole('button', { name: 'Undo this change' })).toHaveCount(0);
  });
}

test('clock-skew: the clock fix asks for administrator permission (UAC) first, then the skew is gone', async ({
  page,
}) => {
  app = await startWebApp({ scenario: 'clock-skew' });
  await page.goto(app.url);
  const wizard = new WizardPage(page);
  await wizard.diagnose(url, /once per browser session/);
  await expect(wizard.finding('clock-skew')).toContainText('7 min 32 s');
  await wizard.previewFirstFix('clock-skew');
  await expect(page.getByLabel('Exact change')).toHaveText('w32tm /resync /rediscover');
  await expect(page.getByTestId('elevation-notice')).toBeVisible();
  await wizard.applyAndExpectFixed('clock-skew');
  await expect(page.getByRole('button', { name: 'Undo this change' })).toHaveCount(0);
});

test('kdc-unreachable: explained in plain words, with no fix to click', async ({ page }) => {
  app = await startWebApp({ scenario: 'kdc-unreachable' });
  await page.goto(app.url);
  const wizard = new WizardPage(page);
  await wizard.diagnose(url, /once per browser session/);
  const finding = wizard.finding('kdc-unreachable');
  await expect(finding).toContainText('VPN is not connected');
  await expect(finding.locator('.remedy button')).toHaveCount(0);
});
