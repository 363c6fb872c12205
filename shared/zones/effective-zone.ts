/**
 * The zone a diagnosis goes by, and who decided it: Windows itself, when it could be asked
 * (`[System.Security.Policy.Zone]::CreateFromUrl` on Windows PowerShell 5.1, reference §1.8),
 * otherwise the registry reading of map-url-to-zone.ts. The registry reading stays the
 * explanation of *why*; where the reference marks the order of the site lists as unverified
 * (§1.5, §10 item 3) the other readings are named, and Windows' answer says which one is right
 * on this machine.
 */
import type { ZoneMapping } from './map-url-to-zone.js';
import { zoneName, type ZoneNumber } from './zone-numbers.js';

/** `System.Security.SecurityZone` names as Windows PowerShell prints them (§1.8). */
export type WindowsZoneName = 'MyComputer' | 'Intranet' | 'Trusted' | 'Internet' | 'Untrusted' | 'NoZone';

const windowsZoneNumbers: Readonly<Record<Exclude<WindowsZoneName, 'NoZone'>, ZoneNumber>> = {
  MyComputer: 0,
  Intranet: 1,
  Trusted: 2,
  Internet: 3,
  Untrusted: 4,
};

export interface EffectiveZone {
  readonly zone: ZoneNumber;
  /** `windows`: Windows' own answer decided; `registry`: the primary registry reading did (Windows could not be asked). */
  readonly decidedBy: 'windows' | 'registry';
  /** True when the registry readings of §1.5 do not all give the same zone. */
  readonly readingsDisagree: boolean;
  /** Plain words: which answer counts, and why. */
  readonly explanation: string;
}

/** The zone number for Windows' answer, or null for NoZone (what PowerShell 7 may answer [U]). */
export function windowsZoneNumber(answer: WindowsZoneName): ZoneNumber | null {
  return answer === 'NoZone' ? null : windowsZoneNumbers[answer];
}

export function effectiveZone(mapping: ZoneMapping, windowsAnswer: WindowsZoneName | null): EffectiveZone {
  const readingsDisagree = mapping.alternatives.length > 0;
  const primary = zoneName(mapping.zone);
  const others = mapping.alternatives.map(
    (alternative) => `${alternative.decidedBy.explanation} (${zoneName(alternative.zone)})`,
  );
  const asked = windowsAnswer === null ? null : windowsZoneNumber(windowsAnswer);
  if (asked === null) {
    const why =
      windowsAnswer === 'NoZone'
        ? 'Windows answered "NoZone" when asked (it cannot tell zones from this PowerShell)'
        : 'Windows itself could not be asked here';
    return {
      zone: mapping.zone,
      decidedBy: 'registry',
      readingsDisagree,
      explanation: readingsDisagree
        ? `The order in which Windows reads the policy and personal site lists is not documented. Reading the policy lists first gives ${primary}; ${others.join('; ')}. ${why}, so the first reading is used.`
        : `${why}; every reading of the registry gives ${primary}.`,
    };
  }
  const answered = zoneName(asked);
  if (asked === mapping.zone) {
    return {
      zone: asked,
      decidedBy: 'windows',
      readingsDisagree,
      explanation: readingsDisagree
        ? `Windows itself answers ${answered}, which confirms the reading with the policy lists first (the other reading would give ${mapping.alternatives.map((alternative) => zoneName(alternative.zone)).join(' or ')}).`
        : `Windows itself answers ${answered}, as the registry reading does.`,
    };
  }
  const matching = mapping.alternatives.find((alternative) => alternative.zone === asked);
  return {
    zone: asked,
    decidedBy: 'windows',
    readingsDisagree,
    explanation: matching
      ? `Windows itself answers ${answered}, which is the reading "${matching.decidedBy.explanation}"; reading the policy lists first would have given ${primary}. Windows' answer counts.`
      : `Windows itself answers ${answered}, although the registry keys read here give ${primary}: something this check does not read decides (for example a proxy script that sends the site directly). Windows' answer counts.`,
  };
}
