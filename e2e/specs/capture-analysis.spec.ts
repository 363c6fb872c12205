import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startWebApp, type RunningWebApp } from '../fixtures/web-harness.js';

/**
 * Analyze a capture: a real IIS log and the real HAR of ../shared/data (PROVENANCE.md) are
 * picked in the page, read by the browser itself (File.stream() in a worker) and shown as a
 * summary by pattern, findings, a timeline per client and the HAR's hosts, connections and
 * sign-in exchange. No request carries the files or their paths to the engine. Files and a
 * folder are dropped on the drop zone, and Stop ends a long read.
 *
 * Playwright cannot drag a real folder from the desktop: a drop of files uses a real
 * DataTransfer built in the page from File objects; a dropped folder is a drop event whose
 * dataTransfer hands out directory entries shaped like Chromium's (webkitGetAsEntry,
 * createReader/readEntries in batches, file()) over real File objects.
 */
const data = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const webdeployLog = `${data}iislogs/msdocs-webdeploy-wmsvc-401.log`;
const elfieLog = `${data}iislogs/elfie-arriba-u_ex-iis85-winauth.log`;
const proxyHar = `${data}har/DERIVED-arkime-http-ntlm-proxy-auth.har`;

let app: RunningWebApp;

async function openCaptureAnalysis(page: Page): Promise<void> {
  app = await startWebApp();
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Analyze a capture' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Analyze a capture' })).toBeVisible();
}

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
    'NTLM NTLMv2 logon as ciscolab.com\\user1 from RECREATE2 → 200 (connection 10258, server 10.122.144.182)',
  );
  // Grouped by host and connection: the proxy's two connections, both in exchange #0.
  const host = har.locator('table.capture-hosts tr[data-host="www.purple.com"]');
  await expect(host.locator('td').nth(0)).toHaveText('3');
  await expect(host.locator('li[data-connection]')).toHaveText([
    'connection 10252 → 10.122.144.182: 1 request, exchange #0',
    'connection 10258 → 10.122.144.182: 2 requests, exchange #0',
  ]);

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

test('files dropped on the drop zone are read like picked files', async ({ page }) => {
  await openCaptureAnalysis(page);
  const log = readFileSync(webdeployLog, 'utf8');
  const har = readFileSync(proxyHar, 'utf8');
  await page.getByTestId('capture-drop').evaluate(
    (zone, { log, har }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([log], 'u_ex110512.log'));
      transfer.items.add(new File([har], 'proxy.har'));
      zone.dispatchEvent(
        new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }),
      );
      zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
    },
    { log, har },
  );
  await expect(page.getByTestId('capture-read')).toContainText('Read 2 files');
  await expect(page.locator('table.capture-summary tr[data-kind="logon-denied"]')).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Browser capture proxy.har' })).toBeVisible();
});

test('a dropped folder is walked: capture files in it and its sub-folders are read, renamed logs by their header, the others named as left out', async ({
  page,
}) => {
  await openCaptureAnalysis(page);
  const log = readFileSync(webdeployLog, 'utf8');
  const har = readFileSync(proxyHar, 'utf8');
  // It starts with the #Software: line IIS writes, so a folder import reads it under any name.
  const renamed = readFileSync(elfieLog, 'utf8');
  await page.getByTestId('capture-drop').evaluate(
    (zone, { log, har, renamed }) => {
      type Node = File | { readonly name: string; readonly children: readonly Node[] };
      // Directory entries as Chromium hands them out: readEntries in batches of 2, then [].
      const entry = (node: Node): unknown =>
        node instanceof File
          ? {
              isFile: true,
              isDirectory: false,
              name: node.name,
              file: (done: (file: File) => void) => done(node),
            }
          : {
              isFile: false,
              isDirectory: true,
              name: node.name,
              createReader() {
                let offset = 0;
                return {
                  readEntries(done: (entries: unknown[]) => void) {
                    const batch = node.children.slice(offset, offset + 2).map(entry);
                    offset += 2;
                    setTimeout(() => done(batch), 0);
                  },
                };
              },
            };
      const folder: Node = {
        name: 'LogFiles',
        children: [
          new File([log], 'u_ex110512.log'),
          new File(['<configuration/>'], 'web.config'),
          {
            name: 'captures',
            children: [
              new File([har], 'proxy.har'),
              new File(['notes'], 'notes.txt'),
              new File([renamed], 'web02-copy.txt'),
            ],
          },
        ],
      };
      const item = { kind: 'file', webkitGetAsEntry: () => entry(folder), getAsFile: () => null };
      const drop = new DragEvent('drop', { bubbles: true, cancelable: true });
      Object.defineProperty(drop, 'dataTransfer', { value: { items: [item], files: [] } });
      zone.dispatchEvent(drop);
    },
    { log, har, renamed },
  );
  await expect(page.getByTestId('capture-read')).toContainText('Read 3 files');
  await expect(page.locator('table.capture-summary tr[data-kind="logon-denied"]')).toHaveCount(1);
  await expect(page.locator('table.capture-summary tr[data-kind="normal-kerberos"]')).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Browser capture proxy.har' })).toBeVisible();
  await expect(page.getByText('Left out of the folder')).toContainText('web.config, notes.txt');
});

test('Stop ends a long read in the browser and keeps nothing', async ({ page }) => {
  await openCaptureAnalysis(page);
  // About 300 MB built in the page (a Blob of one repeated 1 MB block): long enough to stop.
  await page.getByTestId('capture-drop').evaluate((zone) => {
    const line =
      '2026-11-20 08:00:01 10.0.0.1 GET /app/ - 443 CONTOSO\\alice 10.0.0.5 Mozilla/5.0+(Windows+NT+10.0) - 200 0 0 12\r\n';
    const block = new TextEncoder().encode(line.repeat(Math.ceil((1024 * 1024) / line.length)));
    const file = new File(
      Array.from({ length: 300 }, () => block),
      'u_ex261120.log',
    );
    const transfer = new DataTransfer();
    transfer.items.add(file);
    zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
  });
  const progress = page.locator('.capture-progress');
  await expect(progress).toContainText(/Reading u_ex261120\.log \(file 1 of 1\): \d+%/);
  await progress.getByRole('button', { name: 'Stop' }).click();
  await expect(
    page.getByText('Stopped: nothing was kept from the files that were being read.'),
  ).toBeVisible();
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId('capture-read')).toHaveCount(0);
});
