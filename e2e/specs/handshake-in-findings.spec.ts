/**
 * The sign-in exchange of a diagnosis, in the findings and in the saved report (issue 7 step 6;
 * issue 4's diagram): on a simulated machine the live-sign-in probe runs against the scenario's
 * DNS, KDC and web server, so a broken server shows its KRB_AP_ERR_MODIFIED step by step, the
 * evidence says it is simulated, the raw output keeps every header, and the saved report draws
 * the same sequence with every token removed.
 */
import { expect, test } from '@playwright/test';
import { startWebApp, type RunningWebApp } from '../fixtures/web-harness.js';
import { rawTokenPattern, WizardPage } from '../fixtures/wizard-page.js';

let app: RunningWebApp | undefined;

test.afterEach(async () => {
  await app?.stop();
  app = undefined;
});

test('kernel mode without useAppPoolCredentials: the sign-in exchange ends at KRB_AP_ERR_MODIFIED, in the page and the report', async ({
  page,
}) => {
  app = await startWebApp({ scenario: 'kernel-mode-no-apppool-creds' });
  await page.goto(app.url);
  await expect(page.getByLabel('Address of the site that asks for your password')).toHaveValue(
    'https://web01.contoso.com/',
  );
  await page.getByRole('button', { name: 'Find the cause' }).click();
  const wizard = new WizardPage(page);
  const finding = wizard.finding('kernel-mode-no-apppool-creds');
  await expect(finding).toBeVisible();

  const exchange = page.getByRole('region', { name: 'Sign-in exchange' });
  await expect(exchange).toContainText('The site refused the Kerberos sign-in with 401.');
  await expect(exchange).toContainText('HTTP/web01.contoso.com');
  const steps = exchange.getByRole('list', { name: 'Steps of the exchange' }).getByRole('listitem');
  await expect(steps.last()).toContainText('KRB_AP_ERR_MODIFIED');

  // The finding's evidence holds the simulated exchange, every header as it went.
  await page.getByRole('checkbox', { name: 'Expert view' }).check();
  const simulated = finding.getByText(/^Simulated: With a Negotiate token the site answered 401/).first();
  await expect(simulated).toBeVisible();
  await expect(
    finding
      .locator('pre')
      .filter({ hasText: /^GET \/ HTTP\/1\.1/ })
      .last(),
  ).toContainText(/Authorization: Negotiate YII/);

  const report = await wizard.exportReport('html');
  expect(report.text).toContain('The sign-in, step by step');
  expect(report.text).toContain('KRB_AP_ERR_MODIFIED');
  expect(report.text).not.toMatch(rawTokenPattern);
});
