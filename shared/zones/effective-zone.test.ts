/**
 * Which answer decides the zone (reference §1.5 unverified list order, §1.8 CreateFromUrl):
 * the registry readings, with Windows' own answer as the judge when it could be asked.
 */
import { describe, expect, it } from 'vitest';
import { createRegistryView } from '../host/registry-view.js';
import { fetchedTreesFromExport, parseRegExport } from '../windows-output/reg-export.js';
import { effectiveZone, windowsZoneNumber } from './effective-zone.js';
import { mapUrlToZone } from './map-url-to-zone.js';
import { zoneRegistryRoots } from './zone-registry-roots.js';

const HKCU = 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
const HKLM_POLICY =
  'HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';

function mapping(reg: string) {
  const view = createRegistryView(
    fetchedTreesFromExport(parseRegExport(`Windows Registry Editor Version 5.00\n${reg}`), zoneRegistryRoots),
  );
  return mapUrlToZone('https://intranet.contoso.com/', view, { isServer: false, domainJoined: true });
}

// The policy list says Local intranet, the person's own list says Restricted: the two
// readings of the undocumented order give different zones.
const disagreeing = mapping(`
[${HKLM_POLICY}\\ZoneMapKey]
"intranet.contoso.com"="1"
[${HKCU}\\ZoneMap\\Domains\\contoso.com\\intranet]
"*"=dword:00000004
`);
const agreeing = mapping(`
[${HKCU}\\ZoneMap\\Domains\\contoso.com\\intranet]
"*"=dword:00000002
`);

describe('effectiveZone', () => {
  it('maps every SecurityZone name Windows PowerShell prints (§1.8)', () => {
    expect(
      ['MyComputer', 'Intranet', 'Trusted', 'Internet', 'Untrusted', 'NoZone'].map((name) =>
        windowsZoneNumber(name as never),
      ),
    ).toEqual([0, 1, 2, 3, 4, null]);
  });

  it('Windows not asked, readings agree: the registry reading decides, nothing to doubt', () => {
    const result = effectiveZone(agreeing, null);
    expect(result).toMatchObject({ zone: 2, decidedBy: 'registry', readingsDisagree: false });
    expect(result.explanation).toBe(
      'Windows itself could not be asked here; every reading of the registry gives Trusted sites.',
    );
  });

  it('Windows not asked, readings disagree: both readings are shown and the first one is used', () => {
    const result = effectiveZone(disagreeing, null);
    expect(result).toMatchObject({ zone: 1, decidedBy: 'registry', readingsDisagree: true });
    expect(result.explanation).toContain('Reading the policy lists first gives Local intranet');
    expect(result.explanation).toContain(
      'if your own and the machine site lists were read before the policy lists',
    );
    expect(result.explanation).toContain('(Restricted sites)');
    expect(result.explanation).toContain('so the first reading is used');
  });

  it('NoZone (PowerShell 7) counts as not asked', () => {
    const result = effectiveZone(disagreeing, 'NoZone');
    expect(result).toMatchObject({ zone: 1, decidedBy: 'registry' });
    expect(result.explanation).toContain('"NoZone"');
  });

  it('Windows confirms the policy-first reading', () => {
    const result = effectiveZone(disagreeing, 'Intranet');
    expect(result).toMatchObject({ zone: 1, decidedBy: 'windows', readingsDisagree: true });
    expect(result.explanation).toContain('confirms the reading with the policy lists first');
    expect(result.explanation).toContain('Restricted sites');
  });

  it('Windows picks the other reading: its answer counts, and the finding says which reading it was', () => {
    const result = effectiveZone(disagreeing, 'Untrusted');
    expect(result).toMatchObject({ zone: 4, decidedBy: 'windows', readingsDisagree: true });
    expect(result.explanation).toContain(
      'Windows itself answers Restricted sites, which is the reading "if your own and the machine site lists',
    );
    expect(result.explanation).toContain("Windows' answer counts");
  });

  it('Windows answers what no reading gives (e.g. a proxy script): its answer counts and the gap is named', () => {
    const result = effectiveZone(agreeing, 'Internet');
    expect(result).toMatchObject({ zone: 3, decidedBy: 'windows', readingsDisagree: false });
    expect(result.explanation).toContain('something this check does not read decides');
  });
});
