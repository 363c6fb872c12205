/** URL action 1A00 per zone (reference §1.7), including the Chromium silent-logon table. */
import { describe, expect, it } from 'vitest';
import { createRegistryView, type RegistryView } from '../host/registry-view.js';
import { fetchedTreesFromExport, parseRegExport } from '../windows-output/reg-export.js';
import { logonActionForZone, logsOnSilently } from './logon-action.js';
import { zoneRegistryRoots } from './zone-registry-roots.js';

const HKCU = 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
const HKLM = 'HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
const HKLM_POLICY =
  'HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
const HKCU_POLICY =
  'HKEY_CURRENT_USER\\Software\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';

function registry(reg: string): RegistryView {
  return createRegistryView(
    fetchedTreesFromExport(parseRegExport(`Windows Registry Editor Version 5.00\n${reg}`), zoneRegistryRoots),
  );
}

describe('silent logon as Chromium decides it from 1A00 (url_security_manager_win.cc, §1.7)', () => {
  it.each([
    [0, 0x00000, true],
    [1, 0x00000, true],
    [2, 0x00000, true],
    [3, 0x00000, true],
    [0, 0x20000, true],
    [1, 0x20000, true],
    [2, 0x20000, false],
    [3, 0x20000, false],
    [1, 0x10000, false],
    [1, 0x30000, false],
    [1, 0x12345, false],
  ] as const)('zone %i, 1A00=0x%s -> %s', (zone, value, silent) => {
    expect(logsOnSilently(zone, value)).toBe(silent);
  });
});

describe('logonActionForZone', () => {
  it('uses Windows defaults when nothing is set', () => {
    const view = registry('');
    expect(logonActionForZone(1, view)).toMatchObject({
      value: 0x20000,
      setting: 'intranet-only',
      source: { level: 'default' },
      silentLogon: true,
    });
    expect(logonActionForZone(2, view)).toMatchObject({ value: 0, setting: 'automatic', silentLogon: true });
    expect(logonActionForZone(3, view)).toMatchObject({
      value: 0x20000,
      setting: 'intranet-only',
      silentLogon: false,
    });
    expect(logonActionForZone(4, view)).toMatchObject({
      value: 0x10000,
      setting: 'prompt',
      silentLogon: false,
    });
  });

  it('reads the real export values (Zones\\1 = 0x20000, Zones\\2 = 0) from HKCU preferences', () => {
    const view = registry(
      `[${HKCU}\\Zones\\1]\n"1A00"=dword:00020000\n[${HKCU}\\Zones\\2]\n"1A00"=dword:00000000\n`,
    );
    expect(logonActionForZone(1, view)).toMatchObject({
      setting: 'intranet-only',
      source: {
        level: 'preference',
        hive: 'HKCU',
        keyPath: 'Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Zones\\1',
      },
    });
    expect(logonActionForZone(2, view).source).toMatchObject({ level: 'preference', hive: 'HKCU' });
  });

  it('HKCU preference before HKLM preference; HKLM when HKCU has none', () => {
    const view = registry(
      `[${HKCU}\\Zones\\1]\n"1A00"=dword:00010000\n[${HKLM}\\Zones\\1]\n"1A00"=dword:00000000\n[${HKLM}\\Zones\\3]\n"1A00"=dword:00030000\n`,
    );
    expect(logonActionForZone(1, view)).toMatchObject({
      setting: 'prompt',
      source: { hive: 'HKCU' },
      silentLogon: false,
    });
    expect(logonActionForZone(3, view)).toMatchObject({ setting: 'anonymous', source: { hive: 'HKLM' } });
  });

  it('policy "Logon options" beats preferences, HKLM policy before HKCU policy', () => {
    const view = registry(
      `[${HKCU}\\Zones\\1]\n"1A00"=dword:00000000\n[${HKCU_POLICY}\\Zones\\1]\n"1A00"=dword:00010000\n[${HKLM_POLICY}\\Zones\\2]\n"1A00"=dword:00010000\n[${HKCU_POLICY}\\Zones\\2]\n"1A00"=dword:00000000\n`,
    );
    expect(logonActionForZone(1, view)).toMatchObject({
      value: 0x10000,
      source: { level: 'policy', hive: 'HKCU' },
    });
    expect(logonActionForZone(2, view)).toMatchObject({
      value: 0x10000,
      source: { level: 'policy', hive: 'HKLM' },
    });
  });

  it('Security_HKLM_only ignores HKCU preference and policy', () => {
    const view = registry(
      `[${HKLM_POLICY}]\n"Security_HKLM_only"=dword:00000001\n[${HKCU}\\Zones\\1]\n"1A00"=dword:00010000\n[${HKCU_POLICY}\\Zones\\1]\n"1A00"=dword:00010000\n`,
    );
    expect(logonActionForZone(1, view)).toMatchObject({
      value: 0x20000,
      source: { level: 'default' },
      silentLogon: true,
    });
  });

  it('reports a locked-down zone setting without letting it decide', () => {
    const view = registry(`[${HKLM_POLICY}\\Lockdown_Zones\\1]\n"1A00"=dword:00010000\n`);
    const action = logonActionForZone(1, view);
    expect(action.setting).toBe('intranet-only');
    expect(action.lockdown).toMatchObject({
      value: 0x10000,
      setting: 'prompt',
      level: 'policy',
      hive: 'HKLM',
    });
  });

  it('flags a value that is none of the four documented ones as not silent', () => {
    const action = logonActionForZone(1, registry(`[${HKCU}\\Zones\\1]\n"1A00"=dword:00000003\n`));
    expect(action).toMatchObject({ value: 3, unrecognisedValue: true, silentLogon: false });
  });
});
