import { expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { startWebApp, type RunningWebApp } from '../fixtures/web-harness.js';

/**
 * Analyze a capture: a real IIS log and the real HAR of ../shared/data (PROVENANCE.md) are
 * picked in the page, read by the browser itself (File.stream() in a worker) and shown as a
 * summary by pattern, findings, a timeline per client and the HAR's sign-in exchange. No
 * request carries the files or their paths to the engine.
 */
const data = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const webdeployLog = `${data}iislogs/msdocs-webdeploy-wmsvc-401.log`;
const elfieLog = `${data}iislogs/elfie-arriba-u_ex-iis85-winauth.log`;
const proxyHar = `${data}har/DERIVED-arkime-http-ntlm-proxy-auth.har`;

let app: RunningWebApp;

test.afterEach(async () => {
  await app?.stop();
});

test('a real IIS log and a real HAR: summary by pattern, findings, timeline and exchange, read in the page', async ({
  page,
}) => {
  app = await startWebApp();
  const apiCalls: string[] = [];
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  page.on('request', (request) => {
    if (request.url().includes('/api/')) apiCalls.push(`${request.url()} ${request.postData() ?? ''}`);
  });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Analyze a capture' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Analyze a capture' })).toBeVisible();
  const callsBefore = apiCalls.length;

  await page.getByLabel('Choose files…').setInputFiles([webdeployLog, elfieLog, proxyHar]);
  await expect(page.getByTestId('capture-read')).toContainText('Read 3 files');

  const summary = page.locator('table.capture-summary');
  await expect(summary.locator('tr[data-kind="logon-denied"] td').nth(3)).toHaveText(
    'consistent with stored-credentials',
  );
  await expect(summary.locator('tr[data-kind="normal-kerberos"] td').nth(2)).toHaveText('3');
  await expect(summary.locator('tr[data-kind="normal-ntlm"] td').nth(1)).toHaveText('HAR');
  await expect(page.locator('.capture-findings li[data-cause="stored-credentials"]')).toContainText(
    '192.168.0.203 → /msdeploy.axd',
  );

  const client = page.getByRole('region', { name: 'Client 192.168.0.203' });
  await expect(client.locator('li[data-kind="logon-denied"]')).toContainText(
    '401.2 5 → 401.1 1326 (user1) → 401.2 5',
  );

  const har = page.getByRole('region', { name: 'Browser capture DERIVED-arkime-http-ntlm-proxy-auth.har' });
  await expect(har.locator('li[data-outcome="success"]').first()).toContainText(
    'Proxy sign-in for http://www.purple.com/: signed in, ntlm',
  );
  await expect(har.locator('.capture-legs li').nth(2)).toContainText(
    'NTLM NTLMv2 logon as ciscolab.com\\user1 from RECREATE2 → 200 (connection 10258)',
  );

  // Read in the page, off its main thread: a worker ran, no engine call, no path in any call.
  expect(workers.some((url) => url.includes('capture-analysis.worker'))).toBe(true);
  expect(apiCalls.slice(callsBefore)).toEqual([]);
  expect(apiCalls.join('\n')).not.toContain('shared/data');
});

test('a file that is not a HAR is named with the reason; Clear empties the page', async ({ page }) => {
  app = await startWebApp();
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Analyze a capture' }).click();
  await page.getByLabel('Choose files…').setInputFiles({
    name: 'capture.har',
    mimeType: 'application/json',
    buffer: Buffer.from('this is not json'),
  });
  await expect(page.locator('.capture-messages summary')).toHaveText('Skipped or assumed while reading (1)');
  await page.locator('.capture-messages summary').click();
  await expect(page.locator('.capture-messages li')).toHaveText(
    'capture.har: a HAR file is a JSON object; this starts with something else',
  );
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(page.getByTestId('capture-read')).toHaveCount(0);
});
