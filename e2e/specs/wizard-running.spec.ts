/**
 * The running step can be left at any time: "Stop checking" goes back to the start at once and
 * says nothing was changed. The stop names the run (an id the page made before sending either
 * request), so it stops that run even when it reaches the engine before the run request does:
 * the engine then never runs it and never remembers the address.
 */
import { expect, test, type Route } from '@playwright/test';
import { startWebApp, type RunningWebApp } from '../fixtures/web-harness.js';
import { WizardPage } from '../fixtures/wizard-page.js';

let app: RunningWebApp | undefined;

test.afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const channelOf = (url: string) => decodeURIComponent(new URL(url).pathname);

test('a stop that reaches the engine before the run request: the run never happens and nothing is remembered', async ({
  page,
}) => {
  app = await startWebApp({ scenario: 'zone-not-intranet', testHooks: true });
  await page.goto(app.url);
  await expect(page.getByRole('heading', { level: 3, name: 'Checked before' })).toHaveCount(0);
  // Hold the run request in the browser, so the stop reaches the engine first.
  let held: Route | undefined;
  const isRun = (url: URL) => decodeURIComponent(url.pathname) === '/api/diagnosis:run';
  await page.route(isRun, (route) => {
    held = route;
  });
  // The engine's probes are held too: had the run started, it would still be waiting here.
  await app.hook('probes:hold');
  await page.getByRole('button', { name: 'Find the cause' }).click();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Checking https://intranet.contoso.com/app…' }),
  ).toBeFocused();
  await expect(page.getByText('Nothing is changed while IWA Doctor checks.')).toBeVisible();
  await expect.poll(() => held !== undefined).toBe(true);
  const runRequest = JSON.parse(held?.request().postData() ?? '{}') as { runId?: string };
  expect(runRequest.runId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

  const cancelAnswer = page.waitForResponse(
    (response) => channelOf(response.url()) === '/api/diagnosis:cancel',
  );
  await page.getByRole('button', { name: 'Stop checking' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Stopped. Nothing was changed.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'What is going wrong?' })).toBeFocused();
  const cancel = await cancelAnswer;
  expect(JSON.parse(cancel.request().postData() ?? '{}')).toEqual({ runId: runRequest.runId });
  expect(await cancel.json()).toEqual({ ok: true, value: { cancelled: true } });

  // Now the run request arrives: the engine refuses it at once, without a single probe.
  const lateAnswer = page.waitForResponse((response) => channelOf(response.url()) === '/api/diagnosis:run');
  await held?.continue();
  await page.unroute(isRun);
  expect(await (await lateAnswer).json()).toEqual({
    ok: false,
    error: { code: 'precondition-failed', message: 'the check was cancelled' },
  });
  expect(await app.hook('probes:waiting')).toEqual({ waiting: [] });
  // The page stays where the person went, and the address was not remembered.
  await expect(page.getByRole('heading', { level: 2, name: 'What is going wrong?' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'What is going wrong?' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Checked before' })).toHaveCount(0);

  // A new check is a new run: it runs.
  await app.hook('probes:open');
  await page.getByRole('button', { name: 'Find the cause' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'We found the cause' })).toBeVisible();
});

test('stop while a check runs: the engine stops after it, and nothing is remembered', async ({ page }) => {
  app = await startWebApp({ scenario: 'zone-not-intranet', testHooks: true });
  await page.goto(app.url);
  const wizard = new WizardPage(page);
  const progress = await wizard.startHeldDiagnosis(app);
  await expect(progress.first()).toContainText('Checking now');

  await page.getByRole('button', { name: 'Stop checking' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Stopped. Nothing was changed.' })).toBeVisible();
  // The held probe was let go by the cancel itself: nothing waits at the gate any more.
  await expect.poll(() => app?.hook('probes:waiting')).toEqual({ waiting: [] });
  await app.hook('probes:open');
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'What is going wrong?' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Checked before' })).toHaveCount(0);
});
