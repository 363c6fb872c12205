/**
 * The report and the history as IT meets them: a saved JSON report opens again read-only; the
 * summary for IT lands on the clipboard; "Save as PDF" prints the report itself; a change made
 * before a restart is still in the History and can be undone from there.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startWebApp, type RunningWebApp } from '../fixtures/web-harness.js';
import { rawTokenPattern, WizardPage } from '../fixtures/wizard-page.js';

const url = 'https://intranet.contoso.com/app';
const symptom = /once per browser session/;
let apps: RunningWebApp[] = [];

test.afterEach(async () => {
  for (const app of apps) await app.stop();
  apps = [];
});

async function start(options: Parameters<typeof startWebApp>[0]) {
  const app = await startWebApp(options);
  apps.push(app);
  return app;
}

test('a saved JSON report opens again for reading only, and exports again', async ({ page }) => {
  const app = await start({ scenario: 'zone-not-intranet' });
  await page.goto(app.url);
  const wizard = new WizardPage(page);
  await wizard.diagnose(url, symptom);
  const saved = await wizard.exportReport('json');
  expect(saved.fileName).toMatch(/^iwa-doctor-report-intranet\.contoso\.com-\d{8}T\d{6}\.json$/);
  expect(JSON.parse(saved.text)).toMatchObject({ format: 'iwa-doctor-report', secretsIncluded: false });

  await page.getByRole('button', { name: 'Start over' }).click();
  await wizard.openSavedReport(saved.path);
  await expect(page.getByRole('heading', { level: 2, name: 'We found the cause' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'opened for reading only' })).toBeVisible();
  const finding = wizard.finding('zone-not-intranet');
  await expect(finding).toBeVisible();
  // Read-only: the fix is named, never offered; nothing can be checked again from a report.
  await expect(finding).toContainText('Add to Local intranet (offered when the report was made');
  await expect(finding.getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Check again' })).toHaveCount(0);
  await expect(page.getByLabel('Include sign-in tokens and other secrets')).toHaveCount(0);

  const again = await wizard.exportReport('html');
  expect(again.text).toContain('data-cause="zone-not-intranet"');
  expect(again.text).not.toMatch(rawTokenPattern);
  await page.getByRole('button', { name: 'Close the report' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'What is going wrong?' })).toBeVisible();
});

test('a file that is not a report is refused in one line', async ({ page }) => {
  const app = await start({ scenario: 'zone-not-intranet' });
  await page.goto(app.url);
  await page
    .getByLabel('Open a saved report')
    .setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":1}') });
  await expect(page.getByRole('alert')).toHaveText(/^[^\n]+$/);
  await expect(page.getByRole('heading', { level: 2, name: 'What is going wrong?' })).toBeVisible();
});

test('copy summary for IT puts a few plain lines on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const app = await start({ scenario: 'zone-not-intranet' });
  await page.goto(app.url);
  const wizard = new WizardPage(page);
  await wizard.diagnose(url, symptom);
  await page.getByRole('button', { name: 'Copy summary for IT' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied a short summary for IT' })).toBeVisible();
  const summary = await page.evaluate(() => navigator.clipboard.readText());
  const lines = summary.split('\n');
  expect(lines[0]).toBe(`IWA Doctor: ${url}`);
  expect(summary).toContain('Site is not in the Local intranet zone [zone-not-intranet]');
  expect(summary).toContain('Fix: Add to Local intranet — You can do this');
  expect(lines.length).toBeLessThan(20);
});

test('undo from the History: the change is undone and the record says so', async ({ page }) => {
  const app = await start({ scenario: 'zone-not-intranet' });
  await page.goto(app.url);
  const wizard = new WizardPage(page);
  await wizard.diagnose(url, symptom);
  await wizard.previewFirstFix('zone-not-intranet');
  await wizard.applyAndExpectFixed('zone-not-intranet');
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'History of changes' }).click();
  await page.locator('ol.history li[data-state="applied"]').getByRole('button', { name: 'Undo' }).click();
  // Undo checks again by itself: the cause is back, and the History keeps the record.
  await expect(page.getByRole('status').filter({ hasText: 'Undone: Add to Local intranet' })).toBeVisible();
  await expect(wizard.finding('zone-not-intranet')).toBeVisible();
  await page.getByRole('button', { name: 'History of changes' }).click();
  await expect(page.locator('ol.history li[data-state="undone"]')).toHaveCount(1);
});

test('undo from the findings of a later check', async ({ page }) => {
  const app = await start({ scenario: 'zone-not-intranet' });
  await page.goto(app.url);
  const wizard = new WizardPage(page);
  await wizard.diagnose(url, symptom);
  await wizard.previewFirstFix('zone-not-intranet');
  await wizard.applyAndExpectFixed('zone-not-intranet');
  await page.getByRole('button', { name: 'Done' }).click();
  await wizard.diagnose(url, symptom);
  await expect(page.getByRole('heading', { level: 2, name: 'No cause found' })).toBeVisible();
  const changes = page.getByRole('region', { name: 'Changes IWA Doctor made for this address' });
  await expect(changes).toContainText('Add to Local intranet');
  await changes.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Undone: Add to Local intranet' })).toBeVisible();
  await expect(wizard.finding('zone-not-intranet')).toBeVisible();
  await expect(changes).toHaveCount(0);
});

test('the History survives a restart; an undo the machine no longer matches is refused in one line', async ({
  page,
}) => {
  const dataDirectory = await mkdtemp(join(tmpdir(), 'iwa-doctor-restart-'));
  try {
    const first = await start({ scenario: 'zone-not-intranet', dataDirectory });
    await page.goto(first.url);
    const wizard = new WizardPage(page);
    await wizard.diagnose(url, symptom);
    await wizard.previewFirstFix('zone-not-intranet');
    await wizard.applyAndExpectFixed('zone-not-intranet');
    await first.stop();

    // A new run on the same data folder: the journal and the remembered address are read back.
    // The simulated machine starts again from its scenario file, without the fix.
    const second = await start({ scenario: 'zone-not-intranet', dataDirectory });
    await page.goto(second.url);
    await expect(page.getByRole('button', { name: /https:\/\/intranet\.contoso\.com\/app/ })).toBeVisible();
    await page.getByRole('button', { name: 'History of changes' }).click();
    const applied = page.locator('ol.history li[data-state="applied"]');
    await expect(applied).toHaveCount(1);
    await expect(applied).toContainText('Add to Local intranet');
    // Undo restores only what the fix left: here the value is already gone, so nothing is touched.
    await applied.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByRole('alert')).toContainText('nothing was undone');
    await expect(page.locator('ol.history li[data-state="applied"]')).toHaveCount(1);
  } finally {
    await rm(dataDirectory, { recursive: true, force: true });
  }
});

test('"Save as PDF" in the web harness prints the report itself: the saved web page, from a sandboxed frame', async ({
  page,
}) => {
  const app = await start({ scenario: 'zone-not-intranet' });
  await page.goto(app.url);
  const wizard = new WizardPage(page);
  await wizard.diagnose(url, symptom);
  const saved = await wizard.exportReport('html');

  const frame = await wizard.printReport();
  const printFrame = page.locator('iframe.report-print-frame');
  // Exactly the report a person saves: same HTML, same redaction.
  expect(await printFrame.getAttribute('srcdoc')).toBe(saved.text);
  expect(await printFrame.getAttribute('sandbox')).toBe('allow-modals allow-same-origin');
  await expect(frame.locator('h1')).toHaveText('IWA Doctor report');
  await expect(frame.locator('section.finding[data-cause="zone-not-intranet"]')).toHaveCount(1);
  await expect(frame.locator('section.finding h3')).toContainText('Site is not in the Local intranet zone');
  // None of the app around it: no navigation, buttons, fields or scripts.
  await expect(frame.locator('nav, button, input, select, textarea, form, script')).toHaveCount(0);
  // Every piece of raw evidence is open, so it is on paper too; the glossary comes along.
  const details = frame.locator('details');
  expect(await details.count()).toBeGreaterThan(0);
  expect(await details.evaluateAll((all) => all.every((item) => (item as HTMLDetailsElement).open))).toBe(
    true,
  );
  await expect(frame.locator('h2', { hasText: 'Words used in this report' })).toHaveCount(1);
  const printed = await frame.locator('html').evaluate((root) => root.outerHTML);
  expect(printed).not.toMatch(rawTokenPattern);
  expect(printed).toContain('Sign-in tokens, passwords and other secrets were removed from this report.');
  // Its own stylesheet applies (the app's CSP allows exactly it, by hash): the finding's red edge.
  expect(
    await frame
      .locator('section.finding')
      .first()
      .evaluate((item) => getComputedStyle(item).borderLeftColor),
  ).toBe('rgb(164, 22, 26)');
  // The app page itself is untouched: printing again replaces the frame, never adds one.
  await wizard.printReport();
  await expect(printFrame).toHaveCount(1);
});
