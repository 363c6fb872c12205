/**
 * Server fixes through the UI (issue 6): kernel mode without app-pool credentials is fixed
 * with appcmd, verified and undone; a missing SPN the person may not register is handed to a
 * domain administrator as a .ps1 (the downloaded file is read and checked); with the right to
 * write SPNs it is registered, then klist purge and the checks again show before/after.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { repositoryRoot, startWebApp, type RunningWebApp } from '../fixtures/web-harness.js';

let app: RunningWebApp | undefined;
let scratch: string | undefined;

test.afterEach(async () => {
  await app?.stop();
  app = undefined;
  if (scratch) await rm(scratch, { recursive: true, force: true });
  scratch = undefined;
});

function finding(page: Page, cause: string) {
  return page.locator(`article.finding[data-cause="${cause}"]`);
}

/** The start step is prefilled with the scenario's address and symptom: run the checks. */
async function findTheCause(page: Page, url: string) {
  await expect(page.getByLabel('Address of the site that asks for your password')).toHaveValue(url);
  await page.getByRole('button', { name: 'Find the cause' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /cause|No cause found/ })).toBeVisible();
}

test('kernel-mode-no-apppool-creds: useAppPoolCredentials through appcmd /commit:apphost, verified, undone', async ({
  page,
}) => {
  app = await startWebApp({ scenario: 'kernel-mode-no-apppool-creds' });
  await page.goto(app.url);
  await findTheCause(page, 'https://web01.contoso.com/');
  const card = finding(page, 'kernel-mode-no-apppool-creds');
  await expect(card).toContainText('useAppPoolCredentials');
  // No SPN change here, so no script for an administrator either.
  await expect(card.getByRole('button', { name: /script for a domain administrator/ })).toHaveCount(0);

  await card.getByRole('button', { name: 'Set useAppPoolCredentials to true for Default Web Site' }).click();
  await expect(page.getByRole('heading', { name: /this is exactly what will change/ })).toBeVisible();
  await expect(page.getByLabel('Exact change')).toHaveText(
    'appcmd.exe set config "Default Web Site" -section:system.webServer/security/authentication/windowsAuthentication /useAppPoolCredentials:"True" /commit:apphost',
  );
  await expect(
    page.getByText(/Undo puts back the previous values: .*\/useAppPoolCredentials:"False" \/commit:apphost/),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Apply the change' }).click();

  // The chain is whole now; with kernel mode still on, a 401 may yet be IE pre-authentication (a possible cause).
  await expect(
    page.locator('table.before-after tr[data-cause="kernel-mode-no-apppool-creds"] td').nth(1),
  ).toHaveText('Gone');
  // An IIS change: no Kerberos tickets to clear.
  await expect(page.getByRole('button', { name: /Kerberos tickets and test again/ })).toHaveCount(0);

  await page.getByRole('button', { name: 'Undo this change' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Undone' })).toBeVisible();
  await expect(finding(page, 'kernel-mode-no-apppool-creds')).toBeVisible();
});

test('spn-missing without the right to write SPNs: the fix is unavailable and the admin hand-off is saved', async ({
  page,
}) => {
  app = await startWebApp({ scenario: 'spn-missing' });
  await page.goto(app.url);
  await findTheCause(page, 'https://intranet.contoso.com/');
  const card = finding(page, 'spn-missing');
  await expect(card).toContainText('needs a domain administrator');
  await expect(card.getByRole('button', { name: /^Register HTTP/ })).toHaveCount(0);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    card
      .getByRole('button', { name: 'Save the commands as a script for a domain administrator (.ps1)' })
      .click(),
  ]);
  expect(download.suggestedFilename()).toBe('iwa-doctor-spn-missing-intranet.contoso.com.ps1');
  await expect(
    page.getByRole('status').filter({ hasText: 'Saved iwa-doctor-spn-missing-intranet.contoso.com.ps1' }),
  ).toBeVisible();
  const script = await readFile(await download.path(), 'utf8');
  const commands = script
    .split('\r\n')
    .filter((line) => line.trim().length > 0 && !line.trim().startsWith('#'));
  expect(commands).toEqual([
    "$ErrorActionPreference = 'Stop'",
    "setspn.exe -S 'HTTP/intranet.contoso.com' 'CONTOSO\\svc-web'",
    "if ($LASTEXITCODE -ne 0) { throw 'setspn failed at step 1; the steps after it did not run.' }",
    "setspn.exe -S 'HTTP/intranet' 'CONTOSO\\svc-web'",
    "if ($LASTEXITCODE -ne 0) { throw 'setspn failed at step 2; the steps after it did not run.' }",
    "setspn.exe -Q 'HTTP/intranet.contoso.com'",
    "setspn.exe -Q 'HTTP/intranet'",
    'setspn.exe -X',
    'function Undo-IwaDoctorSpnChange {',
    "  setspn.exe -D 'HTTP/intranet' 'CONTOSO\\svc-web'",
    "  setspn.exe -D 'HTTP/intranet.contoso.com' 'CONTOSO\\svc-web'",
    '}',
  ]);
  // A comment says why before each command, and where the browser prompted: klist purge.
  expect(script).toMatch(
    /# 1\. browsers ask for HTTP\/intranet\.contoso\.com\r\n# +setspn -S adds HTTP\/intranet\.contoso\.com to CONTOSO\\svc-web only after checking/,
  );
  expect(script).toContain('klist purge');
  // Nothing was changed in the directory: the finding is still there.
  await page.getByRole('button', { name: 'Check again' }).click();
  await expect(finding(page, 'spn-missing')).toBeVisible();
});

test('spn-missing with the right to write SPNs: setspn -S, then klist purge and the checks again, before/after', async ({
  page,
}) => {
  scratch = await mkdtemp(join(tmpdir(), 'iwa-server-fixes-'));
  const scenario = JSON.parse(
    await readFile(join(repositoryRoot, 'e2e/scenarios/spn-missing.json'), 'utf8'),
  ) as { directory: { spnWriteAllowed: boolean } };
  scenario.directory.spnWriteAllowed = true;
  const file = join(scratch, 'spn-missing.json');
  await writeFile(file, JSON.stringify(scenario));
  app = await startWebApp({ args: ['--scenario', file] });
  await page.goto(app.url);
  await findTheCause(page, 'https://intranet.contoso.com/');

  const card = finding(page, 'spn-missing');
  await card.getByRole('button', { name: 'Register HTTP/intranet.contoso.com on CONTOSO\\svc-web' }).click();
  await expect(page.getByLabel('Exact change')).toHaveText(
    'setspn -S HTTP/intranet.contoso.com CONTOSO\\svc-web',
  );
  await page.getByRole('button', { name: 'Apply the change' }).click();
  await expect(page.locator('table.before-after tr[data-cause="spn-missing"] td').nth(1)).toHaveText('Gone');

  await page.getByRole('button', { name: 'Clear this computer’s Kerberos tickets and test again' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ran klist purge' })).toBeVisible();
  const row = page.getByTestId('ticket-retest').locator('tr[data-cause="spn-missing"] td');
  await expect(row).toHaveText(['Found', 'Not found', 'Not found']);
});

test('kerberos-token-too-large: the http.sys limits are "applied; take effect after the HTTP service restarts", in the verified step and the History — never "Fixed"', async ({
  page,
}) => {
  app = await startWebApp({ scenario: 'kerberos-token-too-large' });
  await page.goto(app.url);
  await findTheCause(page, 'https://web01.contoso.com/');
  const card = finding(page, 'kerberos-token-too-large');
  await card.locator('.remedy button.primary').first().click();
  await expect(
    page.getByText(/Restart needed, and every web site on this server stops for a moment/),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Apply the change' }).click();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Applied; takes effect after the HTTP service restarts' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Fixed: the checks pass now' })).toHaveCount(0);
  await expect(page.getByTestId('restart-required')).toContainText(
    'the change is in place. They cannot prove that sign-in works yet: http.sys reads it only when the HTTP service starts',
  );
  await page.getByRole('button', { name: 'History of changes' }).click();
  await expect(page.locator('ol.history li[data-state="applied"]').first()).toContainText(
    'Applied; takes effect after the HTTP service restarts',
  );
});

test('apppool-identity-split: the pool identity change is a script for the IIS administrator that asks for the password itself', async ({
  page,
}) => {
  app = await startWebApp({ scenario: 'apppool-identity-split' });
  await page.goto(app.url);
  await findTheCause(page, 'https://web01.contoso.com/reports/');
  const card = finding(page, 'apppool-identity-split');
  await expect(card).toContainText('IWA Doctor never handles passwords');
  // Not a fix the app applies: no button to preview it.
  await expect(card.getByRole('button', { name: /^Run pool ReportsPool/ })).toHaveCount(0);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    card
      .getByRole('button', { name: 'Save the commands as a script for the IIS administrator (.ps1)' })
      .click(),
  ]);
  expect(download.suggestedFilename()).toBe('iwa-doctor-apppool-identity-split-web01.contoso.com.ps1');
  const script = await readFile(await download.path(), 'utf8');
  expect(script).toContain(
    "$credential = Get-Credential -UserName 'CONTOSO\\svc-web' -Message 'The password of the account that runs application pool ReportsPool'",
  );
  expect(script).toContain("& $appcmd set apppool 'ReportsPool' '/processModel.identityType:SpecificUser'");
  expect(script).toContain("'/useAppPoolCredentials:True' '/commit:apphost'");
});

test('IIS configuration readable by administrators only: read through the elevated session; a declined prompt says so and reads nothing', async ({
  page,
}) => {
  scratch = await mkdtemp(join(tmpdir(), 'iwa-server-fixes-'));
  const scenario = JSON.parse(
    await readFile(join(repositoryRoot, 'e2e/scenarios/kernel-mode-no-apppool-creds.json'), 'utf8'),
  ) as { iis: { configReadNeedsElevation?: boolean }; machine: { uac: string } };
  scenario.iis.configReadNeedsElevation = true;
  scenario.machine.uac = 'deny';
  const file = join(scratch, 'admin-only.json');
  await writeFile(file, JSON.stringify(scenario));
  app = await startWebApp({ args: ['--scenario', file] });
  await page.goto(app.url);
  await findTheCause(page, 'https://web01.contoso.com/');
  await expect(page.locator('.probe-problems li[data-probe="iis:application"]')).toContainText(
    'reading the IIS configuration (applicationHost.config) needs administrator rights, and the administrator prompt (UAC) was declined, so nothing was read',
  );
  await expect(finding(page, 'kernel-mode-no-apppool-creds')).toHaveCount(0);
});
