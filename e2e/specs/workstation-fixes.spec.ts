/**
 * Workstation causes through the UI (issue 5): each scenario is started, diagnosed, its fix
 * previewed with the exact registry change, applied, verified by the checks running again,
 * and undone — the cause comes back.
 */
import { expect, test } from '@playwright/test';
import { startWebApp, type RunningWebApp } from '../fixtures/web-harness.js';
import { WizardPage } from '../fixtures/wizard-page.js';

let app: RunningWebApp;

test.afterEach(async () => {
  await app?.stop();
});

const internetSettings = 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';

const walks = [
  {
    scenario: 'negotiate-disabled',
    url: 'https://intranet.contoso.com/app',
    symptom: /once per browser session/,
    says: 'EnableNegotiate = 0',
    browsers: 'Edge, Chrome and Firefox do not read this setting',
    exactChange: `reg add "${internetSettings}" /v "EnableNegotiate" /t REG_DWORD /d 0x1 /f`,
  },
  {
    scenario: 'zone-logon-prompt',
    url: 'https://intranet.contoso.com/app',
    symptom: /comes back three times/,
    says: 'Prompt for user name and password',
    browsers:
      'Applies to Internet Explorer, Edge, Chrome (they follow the Windows zones). Firefox never uses Windows zones.',
    exactChange: `reg add "${internetSettings}\\Zones\\1" /v "1A00" /t REG_DWORD /d 0x20000 /f`,
  },
  {
    scenario: 'proxy-in-path',
    url: 'https://intranet.contoso.com/app',
    symptom: /once per browser session/,
    says: 'proxy.contoso.com:8080',
    browsers: 'Every browser that uses the Windows proxy settings',
    exactChange: `reg add "${internetSettings}" /v "ProxyOverride" /t REG_SZ /d "*.fabrikam.com;intranet.contoso.com;<local>" /f`,
  },
  {
    scenario: 'browser-not-configured',
    url: 'https://intranet.contoso.com/app',
    symptom: /once per browser session/,
    says: 'Firefox does not use Windows zones',
    browsers: 'Firefox only',
    exactChange:
      'Create %APPDATA%\\Mozilla\\Firefox\\Profiles\\k7wqz1ph.default-release\\user.js: user_pref("network.negotiate-auth.trusted-uris", "fabrikam.com, intranet.contoso.com");',
  },
  {
    scenario: 'ntlm-preauth-kernel-mode',
    url: 'https://web01.contoso.com/',
    symptom: /401\.1/,
    says: 'kernel-mode authentication',
    browsers: 'Internet Explorer and the IE mode of Edge',
    exactChange: `reg add "${internetSettings}" /v "DisableNTLMPreAuth" /t REG_DWORD /d 0x1 /f`,
  },
] as const;

for (const walk of walks) {
  test(`${walk.scenario}: start, finding, preview, apply, verified, undo`, async ({ page }) => {
    app = await startWebApp({ scenario: walk.scenario });
    await page.goto(app.url);
    const wizard = new WizardPage(page);
    await wizard.diagnose(walk.url, walk.symptom);

    const finding = wizard.finding(walk.scenario);
    await expect(finding).toBeVisible();
    await expect(finding).toContainText(walk.says);
    await expect(finding.getByText('Browsers affected:').locator('..')).toContainText(walk.browsers);

    await wizard.previewFirstFix(walk.scenario);
    await expect(page.getByLabel('Exact change')).toContainText(walk.exactChange);
    await wizard.applyAndExpectFixed(walk.scenario);

    await page.getByRole('button', { name: 'Undo this change' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Undone' })).toBeVisible();
    await expect(wizard.finding(walk.scenario)).toBeVisible();
  });
}
