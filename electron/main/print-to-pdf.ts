/**
 * The `report:pdf` capability in Electron: the report's own self-contained HTML (the same text
 * as "Save the report (web page)", with the same redaction) loaded into a hidden window of its
 * own and printed by Chromium (`webContents.printToPDF`). Never the app window: the PDF holds no
 * navigation or buttons, every piece of evidence open, the changes made and undone, the glossary.
 *
 * The print window is as closed as a window can be: no preload, no Node, sandboxed, context
 * isolation on, JavaScript off, a private in-memory session, no navigation and no new windows.
 * The report carries its own CSP (`default-src 'none'`), so it fetches nothing.
 *
 * NOT RUN HERE: this repository is tested on Linux without an Electron binary, so this file has
 * never printed a PDF in CI. What is tested is everything around it: the HTML handed to it
 * equals the report HTML (electron/api/wizard-channels.test.ts) and the page URL it loads
 * (report-print-page.test.ts).
 */
import { BrowserWindow } from 'electron';
import { reportPrintUrl } from './report-print-page.js';

export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  const url = reportPrintUrl(html);
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      // One in-memory session (no `persist:`) for printing only: nothing shared with the app's
      // session. Not one per print: Electron keeps every session until the app quits, and the
      // report page (JavaScript off, CSP default-src 'none') stores nothing a later print could see.
      partition: 'iwa-doctor-report-print',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      javascript: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  try {
    window.webContents.on('will-navigate', (event) => event.preventDefault());
    window.webContents.on('will-redirect', (event) => event.preventDefault());
    window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    window.webContents.session.setPermissionRequestHandler((_contents, _permission, callback) =>
      callback(false),
    );
    await window.loadURL(url);
    return await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
  } finally {
    window.destroy();
  }
}
