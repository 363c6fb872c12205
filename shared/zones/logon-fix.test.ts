/**
 * Whether 1A00 can be set back by the person (zones/logon-fix.ts): the one answer the
 * zone-logon-prompt rule offers the button with and the remedy plans with (reference §1.2, §1.7).
 */
import { describe, expect, it } from 'vitest';
import { createRegistryView, type RegistryView } from '../host/registry-view.js';
import { fetchedTreesFromExport, parseRegExport } from '../windows-output/reg-export.js';
import { logonActionForZone } from './logon-action.js';
import { logonFix } from './logon-fix.js';
import { zoneRegistryRoots } from './zone-registry-roots.js';
import type { ZoneNumber } from './zone-numbers.js';

const HKCU = 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
const HKLM = 'HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
const HKLM_POLICY =
  'HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
const HKCU_POLICY =
  'HKEY_CURRENT_USER\\Software\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
const hklmOnly = `[${HKLM_POLICY}]\n"Security_HKLM_only"=dword:00000001\n`;

function registry(reg: string): RegistryView {
  return createRegistryView(
    fetchedTreesFromExport(parseRegExport(`Windows Registry Editor Version 5.00\n${reg}`), zoneRegistryRoots),
  );
}

const fixFor = (zone: ZoneNumber, reg: string) => logonFix(logonActionForZone(zone, registry(reg)));

describe('logonFix', () => {
  it('prompt in HKCU: write HKCU Zones\\1\\1A00 = 0x20000', () => {
    expect(fixFor(1, `[${HKCU}\\Zones\\1]\n"1A00"=dword:00010000\n`)).toEqual({
      available: true,
      write: {
        hive: 'HKCU',
        keyPath: 'Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Zones\\1',
        value: 0x20000,
      },
    });
  });

  it('prompt only in HKLM preferences, nothing in HKCU, no Security_HKLM_only: writing HKCU works (HKCU is read first)', () => {
    const reg = `[${HKLM}\\Zones\\2]\n"1A00"=dword:00010000\n`;
    expect(logonActionForZone(2, registry(reg)).source).toMatchObject({ level: 'preference', hive: 'HKLM' });
    expect(fixFor(2, reg)).toMatchObject({ available: true, write: { hive: 'HKCU', value: 0 } });
    // and the HKCU value, once written, is the one read
    const after = `${reg}[${HKCU}\\Zones\\2]\n"1A00"=dword:00000000\n`;
    expect(logonActionForZone(2, registry(after))).toMatchObject({
      silentLogon: true,
      source: { level: 'preference', hive: 'HKCU' },
    });
  });

  it('Security_HKLM_only = 1 with the HKLM preference at prompt: an administrator (machine scope) or IT', () => {
    const fix = fixFor(1, `${hklmOnly}[${HKLM}\\Zones\\1]\n"1A00"=dword:00010000\n`);
    expect(fix).toMatchObject({ available: false, needs: 'administrator' });
    if (!fix.available) {
      expect(fix.reason).toContain('Security_HKLM_only = 1');
      expect(fix.reason).toContain(
        'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Zones\\1\\1A00 to 0x20000',
      );
    }
  });

  it('Security_HKLM_only = 1: an HKCU prompt value is ignored (nothing to change); an HKLM one needs an administrator', () => {
    expect(fixFor(1, `${hklmOnly}[${HKCU}\\Zones\\1]\n"1A00"=dword:00010000\n`)).toMatchObject({
      available: false,
      needs: 'nothing',
    });
    expect(fixFor(2, `${hklmOnly}[${HKLM}\\Zones\\2]\n"1A00"=dword:00030000\n`)).toMatchObject({
      available: false,
      needs: 'administrator',
    });
  });

  it.each([
    ['HKLM policy', `[${HKLM_POLICY}\\Zones\\1]\n"1A00"=dword:00010000\n`],
    ['HKCU policy', `[${HKCU_POLICY}\\Zones\\1]\n"1A00"=dword:00030000\n`],
  ])('a %s value: Group Policy, for IT', (_, reg) => {
    const fix = fixFor(1, reg);
    expect(fix).toMatchObject({ available: false, needs: 'group-policy' });
    if (!fix.available)
      expect(fix.reason).toContain('For IT: set that policy to "Automatic logon only in Intranet zone"');
  });

  it('already automatic: nothing to change', () => {
    expect(fixFor(1, '')).toMatchObject({ available: false, needs: 'nothing' });
  });

  it('Internet and Restricted sites are never set to automatic logon', () => {
    expect(fixFor(3, `[${HKCU}\\Zones\\3]\n"1A00"=dword:00010000\n`)).toMatchObject({
      available: false,
      needs: 'not-this-zone',
    });
  });
});
