/**
 * "Test sign-in" from the UI against the real lab (MIT KDC, Apache with mod_auth_gssapi, dnsmasq
 * on 127.0.0.1): the web harness runs the live test in its own Node process as the lab user
 * (KRB5_CONFIG/KRB5CCNAME), pointed at the lab's DNS server and certificate. Every lab site must
 * show its sequence diagram and exactly its cause id. Where the lab packages are missing the
 * tests are skipped with the reason — except in CI, which installs them: there it is a failure.
 */
import { createRequire } from 'node:module';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { labPackagesMissing, startLab, type Lab } from '../lab/lab.js';
import { labSitePlans } from '../lab/lab-sites.js';
import { suiteResource } from '../lab/suite-resource.js';
import { startWebApp, type RunningWebApp } from '../fixtures/web-harness.js';

const kerberosMissing = (() => {
  try {
    createRequire(import.meta.url).resolve('kerberos');
    return [];
  } catch {
    return ['kerberos (npm, optional dependency)'];
  }
})();
const missing = [...labPackagesMissing(), ...kerberosMissing];
const missingReason = `lab packages missing: ${missing.join(', ')}`;

test.describe.configure({ mode: 'serial' });

let lab: Lab;
let app: RunningWebApp;
let dir: string;
let labArgs: string[];
// Kept so that a setup that times out while the lab or the harness is still starting stops it afterwards.
const suiteLab = suiteResource(startLab);
let suiteApp: ReturnType<typeof suiteResource<RunningWebApp>> | undefined;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  if (missing.length > 0) {
    if (process.env['CI']) throw new Error(`the live sign-in lab cannot run in CI: ${missingReason}`);
    console.warn(`[lab] skipping the live sign-in UI tests, ${missingReason}`);
    return;
  }
  dir = await mkdtemp(join(tmpdir(), 'iwa-live-ui-'));
  lab = await suiteLab.start();
  const caFile = join(dir, 'lab-ca.pem');
  await writeFile(caFile, lab.certificatePem);
  labArgs = [
    '--dns-server',
    lab.dnsServer,
    '--dns-search',
    lab.dnsSearch,
    '--ca-file',
    caFile,
    '--timeout',
    '8000',
  ];
  const harness = suiteResource(() => startWebApp({ args: labArgs, env: lab.clientEnv }));
  suiteApp = harness;
  app = await harness.start();
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  await suiteApp?.stop();
  await suiteLab.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test.beforeEach(() => {
  test.skip(missing.length > 0 && !process.env['CI'], missingReason);
});

async function testSignIn(page: Page, url: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Test sign-in' }).click();
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 2, name: 'Test sign-in' })).toBeVisible();
  await main.getByLabel('Address of the site to test').fill(url);
  const sent = page.waitForRequest(
    (request) => decodeURIComponent(new URL(request.url()).pathname) === '/api/live:test',
  );
  await main.getByRole('button', { name: 'Test sign-in' }).click();
  // The renderer sends the URL and nothing else.
  expect((await sent).postDataJSON()).toEqual({ url });
  await expect(main.locator('.live-test-result')).toBeVisible({ timeout: 30_000 });
  return main;
}

for (const plan of labSitePlans) {
  test(`Test sign-in: ${plan.id} (${plan.reproduces}) shows ${plan.expectedCause}`, async ({ page }) => {
    await page.goto(app.url);
    const main = await testSignIn(page, lab.sites[plan.id].url);
    await expect(main.locator('article.finding')).toHaveCount(1);
    await expect(main.locator(`article.finding[data-cause="${plan.expectedCause}"]`)).toBeVisible();
    await expect(
      main.locator(`article.finding[data-cause="${plan.expectedCause}"] .finding-meta code`),
    ).toHaveText(plan.expectedCause);
    await expect(
      main.getByRole('list', { name: 'Steps of the exchange' }).getByRole('listitem').first(),
    ).toContainText('without credentials');
  });
}

test('the good site: the whole exchange as a diagram, with decoded tokens both ways; the real network is said plainly', async ({
  page,
}) => {
  // A user whose cache holds only the TGT: the ticket comes from the KDC, so the KDC legs are drawn.
  const fresh = await startWebApp({ args: labArgs, env: await lab.freshClientEnv() });
  try {
    await page.goto(fresh.url);
    await goodSiteDiagram(page);
  } finally {
    await fresh.stop();
  }
});

test('a ticket already in the cache: no KDC legs in the diagram', async ({ page }) => {
  await page.goto(app.url);
  await testSignIn(page, lab.sites.good.url); // the ticket is in the cache after this one at the latest
  await page.goto(app.url);
  const main = await testSignIn(page, lab.sites.good.url);
  const steps = main.getByRole('list', { name: 'Steps of the exchange' }).getByRole('listitem');
  await expect(steps).toHaveCount(4);
  await expect(main.getByRole('list', { name: 'Steps of the exchange' })).not.toContainText('Domain KDC');
  await expect(main.locator('article.finding[data-cause="challenge-normal"]')).toBeVisible();
});

async function goodSiteDiagram(page: Page) {
  const main = await testSignIn(page, lab.sites.good.url);
  // This harness simulates Windows for the diagnosis, but the live test used the real network.
  await expect(main.getByTestId('live-test-real-network')).toContainText('This test uses the real network.');
  await expect(main.getByRole('list', { name: 'Participants' })).toContainText('Domain KDC');
  const steps = main.getByRole('list', { name: 'Steps of the exchange' }).getByRole('listitem');
  await expect(steps).toHaveCount(6);
  await expect(steps.nth(2)).toContainText('Step 3, This computer to Domain KDC');
  await expect(steps.nth(4)).toContainText('Kerberos ticket for HTTP/web01.contoso.test in CONTOSO.TEST');
  await steps
    .nth(4)
    .getByText(/Negotiate token: Kerberos AP-REQ/)
    .click();
  await expect(steps.nth(4).locator('.handshake-token-fact:has(dt:text-is("Key version")) dd')).toHaveText(
    '2',
  );
  await expect(steps.nth(5)).toContainText('200 OK');
  await steps
    .nth(5)
    .getByText(/Negotiate token: Kerberos AP-REP/)
    .click();
  await expect(steps.nth(5).locator('.handshake-token-fact:has(dt:text-is("SPNEGO state")) dd')).toHaveText(
    'accept-completed',
  );
  await expect(main.locator('article.finding[data-cause="challenge-normal"]')).toHaveClass(
    /live-test-finding-ok/,
  );
  // Token values stay out of the page: decoded facts only.
  expect(await main.innerText()).not.toMatch(/[A-Za-z0-9+/]{80,}/);
}

test('the stale keytab: the server’s KRB-ERROR is decoded in the last step', async ({ page }) => {
  await page.goto(app.url);
  const main = await testSignIn(page, lab.sites['stale-key'].url);
  const last = main.getByRole('list', { name: 'Steps of the exchange' }).getByRole('listitem').last();
  await expect(last).toContainText('401');
  await last.getByText(/Negotiate token: Kerberos KRB-ERROR/).click();
  await expect(last.locator('.handshake-token-fact:has(dt:text-is("Kerberos error")) dd')).toHaveText(
    'KRB_AP_ERR_BADKEYVER (44)',
  );
});

test('a name DNS does not know is a clear message, not a crash', async ({ page }) => {
  await page.goto(app.url);
  const main = await testSignIn(page, 'http://nowhere.contoso.test/');
  await expect(main.locator('.live-test-result')).toHaveAttribute('data-verdict', 'network-error');
  await expect(main).toContainText('The name in nowhere.contoso.test does not exist in DNS.');
  await expect(main.getByRole('heading', { name: 'No cause found' })).toBeVisible();
});

test('kdc-unreachable: the same UI for a user whose realm has no reachable KDC', async ({ page }) => {
  const unreachable = await startWebApp({ args: labArgs, env: lab.unreachableKdcEnv });
  try {
    await page.goto(unreachable.url);
    const main = await testSignIn(page, lab.sites.good.url);
    await expect(main.locator('article.finding[data-cause="kdc-unreachable"]')).toBeVisible();
  } finally {
    await unreachable.stop();
  }
});
