import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The lint rules that keep the layers apart (design.md, Layout; style.md, one IPC contract),
// run through ESLint's Node API on snippets placed where a file would be.
const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

const layeringRules = new Set(['no-restricted-imports', 'no-restricted-properties', 'no-restricted-syntax']);

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = result?.messages.find((message) => message.fatal);
  if (fatal) throw new Error(`${filePath} did not parse: ${fatal.message}`);
  return (result?.messages ?? [])
    .filter((message) => message.ruleId !== null && layeringRules.has(message.ruleId))
    .map((message) => `${message.ruleId}: ${message.message}`);
}

describe('lint: ipcMain and ipcRenderer only in the two IPC files', () => {
  it.each([
    ['electron/main/other.ts', "import { ipcMain } from 'electron';\nexport const handle = ipcMain.handle;"],
    [
      'electron/main/other.ts',
      "import { ipcRenderer } from 'electron';\nexport const send = ipcRenderer.invoke;",
    ],
    ['electron/main/other.ts', "import * as electron from 'electron';\nexport const app = electron.app;"],
    [
      'electron/main/window.ts',
      "import { ipcMain as main } from 'electron';\nexport const handle = main.handle;",
    ],
    ['electron/main/other.ts', "export { ipcMain } from 'electron';"],
    [
      'electron/main/other.ts',
      "import electron from 'electron';\nexport const handle = electron.ipcMain.handle;",
    ],
    [
      'electron/main/ipc.ts',
      "import { ipcRenderer } from 'electron';\nexport const send = ipcRenderer.invoke;",
    ],
    [
      'electron/preload/preload.ts',
      "import { ipcMain } from 'electron';\nexport const handle = ipcMain.handle;",
    ],
    [
      'electron/preload/other.ts',
      "import { ipcRenderer } from 'electron';\nexport const send = ipcRenderer.invoke;",
    ],
    [
      'electron/engine/other.ts',
      "import { ipcMain } from 'electron';\nexport const handle = ipcMain.handle;",
    ],
    ['scripts/other.js', "import { ipcMain } from 'electron';\nexport const handle = ipcMain.handle;"],
    ['e2e/other.ts', "import { ipcRenderer } from 'electron';\nexport const send = ipcRenderer.invoke;"],
  ])('refuses it in %s: %s', async (filePath, code) => {
    expect(await layeringErrors(filePath, code)).not.toEqual([]);
  });

  it.each([
    [
      'electron/main/ipc.ts',
      "import { ipcMain, type IpcMainInvokeEvent } from 'electron';\nexport const handle = ipcMain.handle;\nexport type E = IpcMainInvokeEvent;",
    ],
    [
      'electron/preload/preload.ts',
      "import { contextBridge, ipcRenderer } from 'electron';\nexport const both = [contextBridge, ipcRenderer];",
    ],
    [
      'electron/main/window.ts',
      "import { BrowserWindow, session, shell } from 'electron';\nexport const all = [BrowserWindow, session, shell];",
    ],
    [
      'e2e/specs/other.spec.ts',
      "import { _electron as electron } from '@playwright/test';\nexport const launch = electron.launch;",
    ],
  ])('allows %s: %s', async (filePath, code) => {
    expect(await layeringErrors(filePath, code)).toEqual([]);
  });
});

describe('lint: the renderer never reaches electron/', () => {
  it.each([
    "export const engine = await import('../../electron/engine/diagnose.js');",
    "export const engine = await import('../../../electron/engine/diagnose.js');",
    "export const app = await import('electron');",
    'export const load = (name: string) => import(`../../electron/engine/${name}.js`);',
    'export const load = (path: string) => import(path);',
    "import { diagnose } from '../../../electron/engine/diagnose.js';\nexport { diagnose };",
    "import { diagnose } from '../../electron/engine/diagnose.js';\nexport { diagnose };",
    "import { contextBridge } from 'electron';\nexport { contextBridge };",
    "import { readFile } from 'node:fs/promises';\nexport { readFile };",
  ])('refuses in renderer/src/views/x.tsx: %s', async (code) => {
    expect(await layeringErrors('renderer/src/views/x.tsx', code)).not.toEqual([]);
  });

  it.each([
    "import { callEngine } from '../api/engine-api.js';\nexport { callEngine };",
    "import { apiContract } from '../../../shared/api/contract.js';\nexport { apiContract };",
    "export const view = await import('./lazy-view.js');",
  ])('allows in renderer/src/views/x.tsx: %s', async (code) => {
    expect(await layeringErrors('renderer/src/views/x.tsx', code)).toEqual([]);
  });
});

describe('lint: shared/ is pure', () => {
  it.each([
    "import { app } from 'electron';\nexport { app };",
    "import { readFile } from 'node:fs/promises';\nexport { readFile };",
    "import { useState } from 'react';\nexport { useState };",
    "import { diagnose } from '../../electron/engine/diagnose.js';\nexport { diagnose };",
  ])('refuses in shared/model/x.ts: %s', async (code) => {
    expect(await layeringErrors('shared/model/x.ts', code)).not.toEqual([]);
  });

  it('allows zod and other shared modules', async () => {
    expect(
      await layeringErrors(
        'shared/model/x.ts',
        "import { z } from 'zod';\nimport { apiChannels } from '../api/contract.js';\nexport const both = [z, apiChannels];",
      ),
    ).toEqual([]);
  });
});
