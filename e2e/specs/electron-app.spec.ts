/**
 * The same journey in the real Electron window, through Playwright's _electron. It runs
 * wherever an Electron binary exists; here (no binary can be downloaded) it is skipped, and
 * says why.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electron-binary.js';
import { repositoryRoot } from '../fixtures/web-harness.js';
import { WizardPage } from '../fixtures/wizard-page.js';

const binary = findElectronBinary();
if (!binary)
  console.log(
    'electron-app.spec: skipped: no Electron binary is installed on this machine (its download is refused here).',
  );

test.skip(!binary, 'no Electron binary on this machine');

test('zone-not-intranet in the Electron window: diagnose, fix, verify, undo', async () => {
  const built = spawnSync('npm', ['run', '-s', 'build'], { cwd: repositoryRoot, stdio: 'inherit' });
  expect(built.status).toBe(0);
  const app = await electron.launch({
    executablePath: binary ?? undefined,
    // The checkout as the app (package.json "main"), and --simulate: on Windows the window
    // would otherwise check the real machine through PowerShell (electron/main/main.ts).
    args: [repositoryRoot, '--simulate'],
    env: { ...process.env, IWA_DOCTOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'iwa-doctor-electron-')) },
    cwd: repositoryRoot,
  });
  try {
    const page = await app.firstWindow();
    await page.getByLabel('Simulated machine').selectOption('zone-not-intranet');
    await new WizardPage(page).walkZoneNotIntranetFlow();
  } finally {
    await app.close();
  }
});
