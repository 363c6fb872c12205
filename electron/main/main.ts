/**
 * Electron main process: one window, the API registered on IPC, the engine behind it.
 * On Windows the engine checks this machine through the PowerShell host (unless started with
 * --simulate); elsewhere it runs in simulation mode on the bundled scenarios.
 */
import { app, BrowserWindow, Menu } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiDispatcher } from '../api/api-dispatcher.js';
import { createSimulationEngine } from '../engine/create-engine.js';
import { createMachineEngine } from '../engine/create-machine-engine.js';
import { isWindows } from '../host/powershell/create-powershell-host.js';
import { registerApi } from './ipc.js';
import { printHtmlToPdf } from './print-to-pdf.js';
import { createMainWindow } from './window.js';

/** Everything after the single-instance check: window, engine and IPC of the one running app. */
async function startApp(): Promise<void> {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  // A second start brings the running window forward instead of opening another engine.
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  await app.whenReady();
  Menu.setApplicationMenu(null);
  // Tests point the journal at a throwaway folder; packaged builds ignore the variable.
  const dataDirectory = (!app.isPackaged && process.env['IWA_DOCTOR_DATA_DIR']) || app.getPath('userData');
  const engine =
    isWindows() && !process.argv.includes('--simulate')
      ? createMachineEngine({
          transport: 'electron',
          dataDirectory,
          // The bundle (dist/electron/main.mjs) cannot find the scripts from its own URL; packaged
          // builds carry them as extra resources (build/electron-builder.config.cjs).
          scriptsDirectory: app.isPackaged
            ? join(process.resourcesPath, 'powershell')
            : // Unpackaged, the bundle is dist/electron/main.mjs inside the checkout.
              fileURLToPath(new URL('../../electron/host/powershell/scripts/', import.meta.url)),
        })
      : await createSimulationEngine({
          transport: 'electron',
          dataDirectory,
          // Packaged builds carry the scenarios as extra resources (build/electron-builder.config.cjs).
          ...(app.isPackaged ? { scenarioDirectory: join(process.resourcesPath, 'scenarios') } : {}),
        });
  registerApi(
    createApiDispatcher(engine, (error) => console.error('IWA Doctor engine error', error), {
      printHtmlToPdf,
    }),
  );
  createMainWindow();

  app.on('window-all-closed', () => {
    void engine.close().finally(() => app.quit());
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
}

// A second instance quits at once: it must not start an engine (a second PowerShell session, a
// second writer of the same journal) while app.quit() is under way.
if (app.requestSingleInstanceLock()) await startApp();
else app.quit();
