import { expect, test } from '@playwright/test';
import { startWebApp, type RunningWebApp } from '../fixtures/web-harness.js';
import { WizardPage } from '../fixtures/wizard-page.js';

let app: RunningWebApp;

test.afterEach(async () => {
  await app?.stop();
});

test('zone-not-intranet: diagnose, fix, verify, undo (scenario given on the command line)', async ({
  page,
}) => {
  app = await startWebApp({ scenario: 'zone-not-intranet' });
  await page.goto(app.url);
  await expect(page.getByTestId('machine')).toContainText('Simulation');
  await new WizardPage(page).walkZoneNotIntranetFlow();
});

test('zone-not-intranet: the scenario picker loads the simulated machine and prefills the target', async ({
  page,
}) => {
  app = await startWebApp();
  await page.goto(app.url);
  await page.getByLabel('Simulated machine').selectOption('zone-not-intranet');
  await expect(page.getByLabel('Address of the site that asks for your password')).toHaveValue(
    'https://intranet.contoso.com/app',
  );
  await page.getByRole('button', { name: 'Find the cause' }).click();
  await expect(new WizardPage(page).finding('zone-not-intranet')).toBeVisible();
});

test('a healthy workstation gives no finding and lists what was ruled out', async ({ page }) => {
  app = await startWebApp({ scenario: 'healthy-intranet-zone' });
  await page.goto(app.url);
  await new WizardPage(page).diagnose('https://intranet.contoso.com/app', /once per browser session/);
  await expect(page.getByRole('heading', { name: 'No cause found' })).toBeVisible();
  await page.getByText(/What we ruled out/).click();
  await expect(page.locator('li[data-cause="zone-not-intranet"]')).toContainText('Local intranet');
});

test('without the token every request is refused, the page included', async ({ page, request }) => {
  app = await startWebApp();
  const origin = new URL(app.url).origin;
  const pageResponse = await page.goto(`${origin}/`);
  expect(pageResponse?.status()).toBe(403);
  const asset = await request.get(`${origin}/index.html`);
  expect(asset.status()).toBe(403);
  const api = await request.post(`${origin}/api/app:info`, {
    data: {},
    headers: { 'Content-Type': 'application/json' },
  });
  expect(api.status()).toBe(403);
  const wrongToken = await request.get(`${origin}/?token=${'0'.repeat(48)}`);
  expect(wrongToken.status()).toBe(403);
});

test('API calls from another origin are refused even with the token', async ({ request }) => {
  app = await startWebApp();
  const url = new URL(app.url);
  const token = url.searchParams.get('token') ?? '';
  const response = await request.post(`${url.origin}/api/app:info`, {
    data: {},
    headers: { 'Content-Type': 'application/json', 'X-IWA-Token': token, Origin: 'http://evil.example' },
  });
  expect(response.status()).toBe(403);
  const ok = await request.post(`${url.origin}/api/app:info`, {
    data: {},
    headers: { 'Content-Type': 'application/json', 'X-IWA-Token': token, Origin: url.origin },
  });
  expect(ok.status()).toBe(200);
  expect((await ok.json()) as unknown).toMatchObject({ ok: true, value: { simulation: true } });
});
