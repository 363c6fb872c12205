import { describe, expect, it } from 'vitest';
import { irreversibleChanges } from './change-reversibility.js';

describe('irreversibleChanges', () => {
  it('names the tool operations without an undo, and nothing for registry writes or tools with their own undo', () => {
    expect(
      irreversibleChanges([
        {
          op: 'registry.setValue',
          key: { hive: 'HKCU', path: 'Software\\IWA' },
          name: 'x',
          value: { type: 'REG_DWORD', data: 1 },
        },
        {
          op: 'tool.run',
          run: { tool: 'setspn', args: ['-S', 'HTTP/web01', 'svc'] },
          undo: { tool: 'setspn', args: ['-D', 'HTTP/web01', 'svc'] },
          describe: 'register',
        },
        {
          op: 'tool.run',
          run: { tool: 'klist', args: ['purge'] },
          undo: null,
          describe: 'klist purge cleared 2 tickets',
        },
      ]),
    ).toEqual(['klist purge cleared 2 tickets']);
    expect(irreversibleChanges([])).toEqual([]);
  });
});
