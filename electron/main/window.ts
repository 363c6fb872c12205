/**
 * The app window, with every security default stated explicitly (style.md, Security):
 * context isolation, sandbox, no node integration, no navigation, no new windows, and the
 * CSP header on every response.
 */
import { BrowserWindow, session, shell } from 'electron';
import { fileURLToPath } from 'node:url';
import { contentSecurityPolicy } from '../harness/content-security-policy.js';

const rendererIndex = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
const preloadScript = fileURLToPath(new URL('./preload.cjs', import.meta.url));

export function rendererUrl(): string {
  return new URL(`file://${rendererIndex.replaceAll('\\', '/')}`).href;
}

export function createMainWindow(): BrowserWindow {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] },
    });
  });
  // The renderer never needs a permission (camera, notifications, ...): deny them all.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  const window = new BrowserWindow({
    width: 1100,
    height: 800,
    minWidth: 640,
    minHeight: 480,
    title: 'IWA Doctor',
    show: false,
    webPreferences: {
      preload: preloadScript,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  });

  window.webContents.on('will-navigate', (event, url) => {
    if (url !== rendererUrl()) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Links to documentation open in the person's browser; nothing opens inside the app.
    if (url.startsWith('https://learn.microsoft.com/')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  void window.loadFile(rendererIndex);
  return window;
}
