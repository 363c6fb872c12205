/**
 * The `report:pdf` capability in Electron: the app window printed to PDF by Chromium's own
 * print path (`webContents.printToPDF`), so the PDF is exactly what the report view shows
 * under the print stylesheet. The web harness has no such call; the renderer then opens the
 * browser's print dialog instead.
 */
import { BrowserWindow } from 'electron';

export function printAppWindowToPdf(): Promise<Uint8Array> {
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  if (!window) return Promise.reject(new Error('there is no window to print'));
  return window.webContents.printToPDF({ printBackground: true, pageSize: 'A4', preferCSSPageSize: true });
}
