import { describe, expect, it } from 'vitest';
import { RegExportError, fetchedTreesFromExport, parseRegExport } from './reg-export.js';

describe('parseRegExport', () => {
  it('reads the value types regedit writes, the default value, escapes and continuations', () => {
    const keys = parseRegExport(
      [
        'Windows Registry Editor Version 5.00',
        '',
        '; comment',
        '[HKEY_CURRENT_USER\\Software\\Test]',
        '@=""',
        '"Name \\"quoted\\""="C:\\\\path"',
        '"d"=dword:000000db',
        '"b"=hex:01,ff,\\',
        '  10',
        '"e"=hex(2):25,00,41,00,25,00,00,00',
        '"m"=hex(7):61,00,00,00,62,00,00,00,00,00',
        '"q"=hex(b):01,00,00,00,00,00,00,00',
      ].join('\r\n'),
    );
    expect(keys).toEqual([
      {
        hive: 'HKCU',
        path: 'Software\\Test',
        values: [
          { name: '', value: { type: 'REG_SZ', data: '' } },
          { name: 'Name "quoted"', value: { type: 'REG_SZ', data: 'C:\\path' } },
          { name: 'd', value: { type: 'REG_DWORD', data: 219 } },
          { name: 'b', value: { type: 'REG_BINARY', data: '01ff10' } },
          { name: 'e', value: { type: 'REG_EXPAND_SZ', data: '%A%' } },
          { name: 'm', value: { type: 'REG_MULTI_SZ', data: ['a', 'b'] } },
          { name: 'q', value: { type: 'REG_QWORD', data: '1' } },
        ],
      },
    ]);
  });

  it.each([
    ['no header', '[HKEY_CURRENT_USER\\x]\n'],
    ['a value before a key', 'REGEDIT4\n"a"=dword:00000001\n'],
    ['a deletion', 'REGEDIT4\n[-HKEY_CURRENT_USER\\x]\n'],
    ['an unsupported hive', 'REGEDIT4\n[HKEY_USERS\\x]\n'],
    ['a short dword', 'REGEDIT4\n[HKCU\\x]\n"a"=dword:1\n'],
    ['an unterminated string', 'REGEDIT4\n[HKCU\\x]\n"a="b\n'],
  ])('rejects %s with the line number', (_, text) => {
    expect(() => parseRegExport(text)).toThrow(RegExportError);
  });

  it('cuts the parsed keys into the trees a probe reads, at its depth', () => {
    const keys = parseRegExport('REGEDIT4\n[HKCU\\A\\B\\C]\n"v"=dword:00000001\n');
    const [shallow, deep, missing] = fetchedTreesFromExport(keys, [
      { key: { hive: 'HKCU', path: 'A' }, depth: 1 },
      { key: { hive: 'HKCU', path: 'A' }, depth: 3 },
      { key: { hive: 'HKLM', path: 'A' }, depth: 3 },
    ]);
    expect(shallow?.tree).toEqual({
      name: 'A',
      values: [],
      subkeys: [{ name: 'B', values: [], subkeys: [], truncated: true }],
    });
    expect(deep?.tree?.subkeys[0]?.subkeys[0]?.values).toEqual([
      { name: 'v', value: { type: 'REG_DWORD', data: 1 } },
    ]);
    expect(missing?.tree).toBeNull();
  });
});
