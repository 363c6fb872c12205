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
      'no-restricted-syntax': [
        'error',
        {
          // Design.md, Host: arguments travel as base64 JSON; no data inside PowerShell source text.
          selector: "TaggedTemplateExpression[tag.object.name='PowerShell']",
          message: 'Never build PowerShell source from a template; pass arguments as base64 JSON.',
        },
      ],
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
            { group: nodeBuiltins, message: 'The renderer is sandboxed: no node built-ins.' },
          ],
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
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/ipc.ts', 'electron/preload/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'electron',
          property: 'ipcMain',
          message: 'Register channels in electron/main/ipc.ts only.',
        },
      ],
    },
  },
);
