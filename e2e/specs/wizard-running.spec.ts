/**
 * The running step can be left at any time: "Stop checking" goes back to the start at once,
 * says nothing was changed, and the late answer of the engine does not pull the page away.
 */
import { expect, test, type Route } from '@playwright/test';
import { startWebApp, type RunningWebApp } from '../fixtures/web-harness.js';

let app: RunningWebApp | undefined;

test.afterEach(async () => {
  await app?.stop();
  app = undefined;
});

test('stop checking returns to the start, and the late result is ignored', async ({ page }) => {
  app = await startWebApp({ scenario: 'zone-not-intranet' });
  await page.goto(app.url);
  // Hold the diagnosis request in the browser so the running step stays on screen.
  let held: Route | undefined;
  const isDiagnosis = (url: URL) => decodeURIComponent(url.pathname) === '/api/diagnosis:run';
  await page.route(isDiagnosis, (route) => {
    held = route;
  });
  await page.getByRole('button', { name: 'Find the cause' }).click();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Checking https://intranet.contoso.com/app…' }),
  ).toBeFocused();
  await expect(page.getByText('Nothing is changed while IWA Doctor checks.')).toBeVisible();

  await page.getByRole('button', { name: 'Stop checking' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Stopped. Nothing was changed.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'What is going wrong?' })).toBeFocused();

  await expect.poll(() => held !== undefined).toBe(true);
  const lateAnswer = page.waitForResponse((response) => isDiagnosis(new URL(response.url())));
  await held?.continue();
  await page.unroute(isDiagnosis);
  // The engine answers after all: the page takes the address into "Checked before" (the last
  // thing it does with an answer) but stays where the person went.
  expect((await lateAnswer).ok()).toBe(true);
  await expect(page.getByRole('heading', { level: 3, name: 'Checked before' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'What is going wrong?' })).toBeVisible();
});

test('in the web harness, "Save as PDF" opens the browser’s print window and says how to save', async ({
  page,
}) => {
  // Headless Chromium has no print window to show: count the calls instead.
  await page.addInitScript(() => {
    const counter = window as unknown as { printCalls: number };
    counter.printCalls = 0;
    window.print = () => {
      counter.printCalls++;
    };
  });
  app = await startWebApp({ scenario: 'zone-not-intranet' });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Find the cause' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'We found the cause' })).toBeVisible();
  await page.getByRole('button', { name: 'Save as PDF' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'choose “Save as PDF” as the printer' }),
  ).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(1);
});
