/**
 * The verdict line in the UI (issue 6): the findings page's headline (the healthy ✓ line visible
 * without opening anything, the broken link marked), and among what was ruled out; on a broken
 * chain it ends at the broken link, in the finding and in its evidence; on odd IIS configuration
 * the page says what could not be read and the command to check it by hand.
 */
import { expect, test } from '@playwright/test';
import { startWebApp, type RunningWebApp } from '../fixtures/web-harness.js';

let app: RunningWebApp | undefined;

test.afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const healthyVerdict =
  'Browsers ask for HTTP/web01.contoso.com → registered on CONTOSO\\svc-web → pool AppPool1 runs as CONTOSO\\svc-web → kernel mode on, useAppPoolCredentials true → Kerberos can be decrypted ✓';

test('healthy server: the whole verdict is the headline, and among what was ruled out', async ({ page }) => {
  app = await startWebApp({ scenario: 'healthy-service-account' });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Find the cause' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'No cause found' })).toBeVisible();
  // Visible without opening anything: the ✓ line as the page's headline.
  const headline = page.getByRole('region', { name: 'Verdict' });
  await expect(headline).toBeVisible();
  await expect(headline).toHaveAttribute('data-state', 'holds');
  await expect(headline.locator('.verdict-line')).toHaveText(healthyVerdict);
  await expect(headline.locator('.verdict-line')).toBeVisible();
  await page.getByText(/What we ruled out/).click();
  await expect(page.locator('.ruled-out li[data-cause="spn-wrong-account"]')).toHaveText(healthyVerdict);
});

test('broken chain: the finding and its evidence end at the link that breaks', async ({ page }) => {
  app = await startWebApp({ scenario: 'spn-wrong-account' });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Find the cause' }).click();
  const card = page.locator('article.finding[data-cause="spn-wrong-account"]');
  await expect(card).toBeVisible();
  // An owner that is not the pool's account is named by its directory entry.
  const broken =
    'Browsers ask for HTTP/web01.contoso.com → registered on svc-web (CN=svc-web,OU=Service Accounts,DC=contoso,DC=com) → pool AppPool1 runs as CONTOSO\\WEB01$ → but CONTOSO\\WEB01$ decrypts';
  await expect(card.locator('p').filter({ hasText: 'Verdict:' }).first()).toContainText(broken);
  await expect(card.locator('.evidence-list')).toContainText(`Verdict: ${broken}`);
  // The headline marks the link that breaks.
  const headline = page.getByRole('region', { name: 'Verdict' });
  await expect(headline).toHaveAttribute('data-state', 'broken');
  await expect(headline.locator('[data-broken="true"]')).toHaveText(
    ' → but CONTOSO\\WEB01$ decrypts (the pool runs as ApplicationPoolIdentity, which uses the computer account on the network) ✗',
  );
});

test('a name HOST/ covers: the verdict says the computer gets the ticket and the pool account cannot decrypt it', async ({
  page,
}) => {
  app = await startWebApp({ scenario: 'spn-netbios-missing' });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Find the cause' }).click();
  const headline = page.getByRole('region', { name: 'Verdict' });
  await expect(headline.locator('.verdict-line')).toHaveText(
    'Browsers ask for HTTP/web01 → served by HOST/web01 on CONTOSO\\WEB01$ → but CONTOSO\\svc-web decrypts ✗',
  );
  await expect(page.locator('article.finding[data-cause="spn-netbios-missing"]')).toContainText(
    'issues a Kerberos ticket encrypted for CONTOSO\\WEB01$',
  );
});

test('odd IIS configuration: what could not be read, and how to check it by hand', async ({ page }) => {
  app = await startWebApp({ scenario: 'healthy-odd-iis-configuration' });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Find the cause' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'No cause found' })).toBeVisible();
  const problems = page.locator('.probe-problems');
  await expect(problems).toContainText(
    'Could not read the windowsAuthentication section of "Default Web Site/legacy"',
  );
  await expect(problems).toContainText(
    'check by hand with: %windir%\\system32\\inetsrv\\appcmd.exe list config "Default Web Site/legacy" -section:system.webServer/security/authentication/windowsAuthentication /xml /config:*',
  );
  await expect(problems).toContainText('check by hand with: setspn -Q HTTP/web01.contoso.com');
});
