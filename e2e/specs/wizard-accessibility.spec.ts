/**
 * axe-core reports nothing on every step of the wizard and on every page — the running step
 * with its progress per check, and the "applying" step while the checks run again — in light
 * and dark colours and with forced colours (Windows high contrast); focus is visible; at 200%
 * zoom (half the CSS width) nothing needs sideways scrolling. The running and applying steps
 * stay on screen through the harness's test-only probe gate, not through sleeps.
 */
import { expect, test, type Page } from '@playwright/test';
import { startWebApp, type RunningWebApp } from '../fixtures/web-harness.js';
import { WizardPage } from '../fixtures/wizard-page.js';

let app: RunningWebApp | undefined;

// axe reads the whole page on every step: slower than one journey on a busy machine.
test.setTimeout(240_000);

test.afterEach(async () => {
  await app?.stop();
  app = undefined;
});

/** A harness with its test-only probe gate, for the running and applying steps. */
async function startApp(scenario: string): Promise<RunningWebApp> {
  return startWebApp({ scenario, testHooks: true });
}

async function expectNoSidewaysScroll(page: Page, where: string) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  // One pixel is sub-pixel layout rounding, not content a person would have to scroll to.
  expect(overflow, `sideways scrolling on ${where}`).toBeLessThanOrEqual(1);
}

async function walkEveryStep(page: Page, running: RunningWebApp, check: (where: string) => Promise<void>) {
  const wizard = new WizardPage(page);
  await expect(page.getByRole('heading', { level: 2, name: 'What is going wrong?' })).toBeVisible();
  await check('start');

  const address = page.getByLabel('Address of the site that asks for your password');
  await address.fill('ftp://intranet');
  await page.getByRole('button', { name: 'Find the cause' }).click();
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await check('start with a wrong address');
  await address.fill('https://intranet.contoso.com/app');

  // Running, with its progress per check: the first check runs, the others wait.
  const progress = await wizard.startHeldDiagnosis(running);
  expect(await progress.count()).toBeGreaterThan(1);
  await check('running, one check in progress');
  await running.hook('probes:step');
  await expect(progress.first()).toHaveAttribute('data-phase', /^(ok|failed|unavailable)$/);
  await page.getByLabel('Expert view').check();
  await check('running, one check done, expert view');
  await page.getByLabel('Expert view').uncheck();
  await wizard.releaseProbes(running);

  await expect(wizard.finding('zone-not-intranet')).toBeVisible();
  await wizard.finding('zone-not-intranet').getByText('What Windows said').first().click();
  await page.getByText(/What we ruled out/).click();
  await check('findings');
  await page.getByLabel('Expert view').check();
  await check('findings, expert view');
  await page.getByLabel('Expert view').uncheck();

  await wizard.previewFirstFix('zone-not-intranet');
  await check('preview');
  // Applying: the change is made and the checks run again, held at the gate.
  await running.hook('probes:hold');
  await page.getByRole('button', { name: 'Apply the change' }).click();
  await expect(page.getByRole('button', { name: 'Applying…' })).toBeDisabled();
  await expect(page.getByRole('status').filter({ hasText: 'Applying the change…' })).toBeVisible();
  await expect.poll(() => running.hook('probes:waiting')).not.toEqual({ waiting: [] });
  await check('applying');
  await wizard.releaseProbes(running);
  await expect(page.getByRole('heading', { level: 2, name: 'Fixed: the checks pass now' })).toBeVisible();
  await expect(page.locator('tr[data-cause="zone-not-intranet"] td').nth(1)).toHaveText('Gone');
  await check('verified');

  const saved = await wizard.exportReport('json');
  await page.getByRole('button', { name: 'Done' }).click();
  await wizard.openSavedReport(saved.path);
  await expect(page.getByText(/opened for reading only/)).toBeVisible();
  await check('saved report under review');

  await page.getByRole('button', { name: 'History of changes' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'History of changes' })).toBeVisible();
  await check('history');
  await page.getByRole('button', { name: 'What the words mean' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'What the words mean' })).toBeVisible();
  await check('glossary');
}

test('axe finds nothing on any step, in light colours', async ({ page }) => {
  app = await startApp('zone-not-intranet');
  await page.goto(app.url);
  const wizard = new WizardPage(page);
  await walkEveryStep(page, app, (where) => wizard.expectNoAxeViolations(where));
});

test('axe finds nothing on any step in dark colours, and focus stays visible', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  app = await startApp('zone-not-intranet');
  await page.goto(app.url);
  const wizard = new WizardPage(page);
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(
    'rgb(23, 24, 28)',
  );
  await walkEveryStep(page, app, (where) => wizard.expectNoAxeViolations(`${where} (dark)`));
});

/** The focused element's outline: solid, at least 2 px, in the system highlight colour. */
async function expectSystemFocusRing(page: Page, where: string) {
  const outline = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement as Element);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(outline.style, `focus ring on ${where}`).toBe('solid');
  expect(outline.width, `focus ring on ${where}`).toBeGreaterThanOrEqual(2);
}

test('forced colours (high contrast): axe finds nothing on any step, and focus is drawn in the system highlight', async ({
  page,
}) => {
  await page.emulateMedia({ forcedColors: 'active' });
  app = await startApp('zone-not-intranet');
  await page.goto(app.url);
  const wizard = new WizardPage(page);
  await page.keyboard.press('Tab');
  await expectSystemFocusRing(page, 'start (forced colours)');
  await walkEveryStep(page, app, async (where) => {
    await wizard.expectNoAxeViolations(`${where} (forced colours)`);
    // Every step's heading takes the focus when the step opens; the first control after it shows the ring.
    await page.keyboard.press('Tab');
    await expectSystemFocusRing(page, `${where} (forced colours)`);
  });
});

test('at 200% zoom every step fits the width and still works', async ({ page }) => {
  // 200% zoom of a 1280 × 800 window leaves 640 × 400 CSS pixels.
  await page.setViewportSize({ width: 640, height: 400 });
  app = await startApp('zone-not-intranet');
  await page.goto(app.url);
  await walkEveryStep(page, app, (where) => expectNoSidewaysScroll(page, `${where} at 200%`));
});

test('axe finds nothing where no cause is found, on a fix that needs an administrator, and on the History of it', async ({
  page,
}) => {
  app = await startWebApp({ scenario: 'healthy-workstation' });
  await page.goto(app.url);
  const wizard = new WizardPage(page);
  await wizard.diagnose('https://intranet.contoso.com/app', /I'm IT and want everything checked/);
  await expect(page.getByRole('heading', { level: 2, name: 'No cause found' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'What to do next' })).toBeVisible();
  await wizard.expectNoAxeViolations('no cause found');
  await app.stop();

  app = await startWebApp({ scenario: 'kernel-mode-no-apppool-creds' });
  await page.goto(app.url);
  await wizard.diagnose('https://web01.contoso.com/', /I'm IT and want everything checked/);
  await wizard.previewFirstFix('kernel-mode-no-apppool-creds');
  await expect(page.getByTestId('elevation-notice')).toBeVisible();
  await wizard.expectNoAxeViolations('preview of a fix that needs an administrator');
  await wizard.applyAndExpectFixed('kernel-mode-no-apppool-creds');
  await page.getByRole('button', { name: 'Undo this change' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Undone' })).toBeVisible();
  await page.getByRole('button', { name: 'History of changes' }).click();
  await expect(page.locator('ol.history li[data-state="undone"]')).toHaveCount(1);
  await page.getByLabel('Expert view').check();
  await wizard.expectNoAxeViolations('history with an undone change, expert view');
});
