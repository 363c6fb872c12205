/**
 * The whole journey with the keyboard alone — Tab, arrow keys, Space and Enter — from the
 * address to the undo, with the focus visibly drawn on every control it lands on.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startWebApp, type RunningWebApp } from '../fixtures/web-harness.js';
import { WizardPage } from '../fixtures/wizard-page.js';

let app: RunningWebApp | undefined;

test.afterEach(async () => {
  await app?.stop();
  app = undefined;
});

/** Presses Tab until `target` has the focus (at most 80 times), checking each stop shows its focus. */
async function tabTo(page: Page, target: Locator) {
  for (let presses = 0; presses < 80; presses++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const element = document.activeElement;
      if (!element || element === document.body) return null;
      const style = getComputedStyle(element);
      return { outline: style.outlineStyle, width: parseFloat(style.outlineWidth), tag: element.tagName };
    });
    if (focus)
      expect(focus.outline === 'solid' && focus.width >= 2, `visible focus on ${focus.tag}`).toBe(true);
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

test('keyboard only: address, symptom, find, fix, apply, report, undo', async ({ page }) => {
  app = await startWebApp({ scenario: 'zone-not-intranet' });
  await page.goto(app.url);
  const wizard = new WizardPage(page);

  const address = page.getByLabel('Address of the site that asks for your password');
  await tabTo(page, address);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('https://intranet.contoso.com/app');

  // Radio buttons: Tab reaches the checked one, arrows move the choice.
  await tabTo(
    page,
    page.getByRole('group', { name: 'What do you see?' }).getByRole('radio', { checked: true }),
  );
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: /comes back three times/ })).toBeChecked();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('radio', { name: /once per browser session/ })).toBeChecked();

  await page.keyboard.press('Enter');
  const findingsHeading = page.getByRole('heading', { level: 2, name: 'We found the cause' });
  await expect(findingsHeading).toBeFocused();

  // The evidence opens with the keyboard too.
  const rawOutput = wizard.finding('zone-not-intranet').getByText('What Windows said').first();
  await tabTo(page, rawOutput);
  await page.keyboard.press('Enter');
  await expect(wizard.finding('zone-not-intranet').locator('pre').first()).toBeVisible();

  await tabTo(page, page.getByRole('button', { name: 'Add to Local intranet' }));
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('heading', { level: 2, name: /this is exactly what will change/ }),
  ).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Apply the change' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Fixed: the checks pass now' })).toBeFocused();

  await tabTo(page, page.getByRole('button', { name: 'Copy summary for IT' }));
  await tabTo(page, page.getByLabel('Include sign-in tokens and other secrets'));
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Include sign-in tokens and other secrets')).toBeChecked();
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Include sign-in tokens and other secrets')).not.toBeChecked();
  const saveHtml = page.getByRole('button', { name: 'Save the report (web page)' });
  await tabTo(page, saveHtml);
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/\.html$/);

  await page.keyboard.press('Shift+Tab');
  await tabTo(page, page.getByRole('button', { name: 'Undo this change' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Undone' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'We found the cause' })).toBeFocused();

  // The other pages are reachable from the keyboard as well.
  await tabTo(page, page.getByRole('button', { name: 'What the words mean' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'What the words mean' })).toBeVisible();
  await tabTo(page, page.getByLabel('Expert view'));
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Expert view')).toBeChecked();
});
