// @ts-check
// Flat config. The folder a file lives in decides what it may import (design.md, "Layout"):
// shared/ is pure (no node, electron or react), renderer/ never reaches into electron/,
// and only the window/IPC files of electron/ may import 'electron' itself.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'tls',
  'dns',
  'crypto',
  'stream',
  'url',
  'util',
  'zlib',
  'events',
  'buffer',
  'readline',
  'worker_threads',
];

/** Design.md, Host: arguments travel as base64 JSON; no data inside PowerShell source text. */
const powerShellTemplate = {
  selector: "TaggedTemplateExpression[tag.object.name='PowerShell']",
  message: 'Never build PowerShell source from a template; pass arguments as base64 JSON.',
};

/**
 * One IPC contract (style.md, desktop's ipc-main.ts): ipcMain is imported by
 * electron/main/ipc.ts only, ipcRenderer by electron/preload/preload.ts only. `allow` names the
 * one the file may import. A namespace import (`import * as electron`) is refused too, since
 * it carries both.
 * @param {'ipcMain' | 'ipcRenderer' | null} allow
 */
const ipcImports = (allow = null) =>
  [
    { name: 'ipcMain', message: 'Register IPC channels in electron/main/ipc.ts only.' },
    {
      name: 'ipcRenderer',
      message: 'Only electron/preload/preload.ts talks IPC; the page gets the typed API object.',
    },
  ]
    .filter(({ name }) => name !== allow)
    .map(({ name, message }) => ({ name: 'electron', importNames: [name], message }));

/** A path that is, or reaches into, electron/ (the package or this repository's folder). */
const electronPath = '(^|/)electron(/|$)';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      '.tsbuild/**',
      'test-results/**',
      'playwright-report/**',
      'bench/.data/**',
      '.lab/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-restricted-syntax': ['error', powerShellTemplate],
      // Everywhere but the two IPC files; the blocks below that ban 'electron' outright replace it.
      'no-restricted-imports': ['error', { paths: ipcImports() }],
      'no-restricted-properties': [
        'error',
        ...['ipcMain', 'ipcRenderer'].map((property) => ({
          object: 'electron',
          property,
          message:
            'Only electron/main/ipc.ts (ipcMain) and electron/preload/preload.ts (ipcRenderer) use IPC.',
        })),
      ],
    },
  },
  {
    files: ['electron/main/ipc.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ipcImports('ipcMain') }],
      'no-restricted-properties': 'off',
    },
  },
  {
    files: ['electron/preload/preload.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ipcImports('ipcRenderer') }],
      'no-restricted-properties': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts', 'shared/**/*.fuzz.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'shared/ is pure: no node built-ins (design.md, Layout).' },
            {
              group: [
                'electron',
                'electron/*',
                'react',
                'react/*',
                'react-dom',
                'react-dom/*',
                'zustand',
                'zustand/*',
              ],
              message: 'shared/ imports neither electron nor react.',
            },
            {
              group: ['**/electron/**', '**/renderer/**', '../electron', '../renderer'],
              message: 'shared/ never imports from electron/ or renderer/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*'],
              message: 'The renderer talks to the engine only through the typed API object.',
            },
            {
              group: ['**/electron/**', '../electron', '../../electron'],
              message: 'renderer/ never imports electron/.',
            },
            { regex: electronPath, message: 'renderer/ never imports electron/.' },
            { group: nodeBuiltins, message: 'The renderer is sandboxed: no node built-ins.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        powerShellTemplate,
        {
          // esquery regexes end at the first slash, hence \x2F for "/".
          selector: 'ImportExpression[source.value=/(^|\\x2F)electron(\\x2F|$)/]',
          message: 'renderer/ never imports electron/, not even with import().',
        },
        {
          selector: "ImportExpression:not([source.type='Literal'])",
          message: 'import() takes a plain string in the renderer, so lint can see what it loads.',
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*'],
              message:
                'Only electron/main and electron/preload import electron; the engine runs under plain Node.',
            },
            { group: ['**/renderer/**'], message: 'The engine never imports the renderer.' },
          ],
        },
      ],
    },
  },
);
