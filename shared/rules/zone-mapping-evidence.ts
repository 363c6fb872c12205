/**
 * Evidence kind `zone-mapping`: which security zone Windows maps the URL to, why, and the
 * logon setting (URL action 1A00) of that zone (reference §1.5, §1.7).
 */
import type { EffectiveZone, WindowsZoneName } from '../zones/effective-zone.js';
import type { LogonAction } from '../zones/logon-action.js';
import type { ZoneMapping } from '../zones/map-url-to-zone.js';

export interface ZoneMappingFacts {
  /** The registry reading: the zone the policy-first reading gives, why, and the other readings. */
  readonly mapping: ZoneMapping;
  /** The zone the diagnosis goes by: Windows' own answer when it could be asked, else the registry reading. */
  readonly effective: EffectiveZone;
  /** The logon setting (1A00) of the effective zone. */
  readonly logon: LogonAction;
  /** What Windows itself answered ([System.Security.Policy.Zone]::CreateFromUrl), when it could be asked. */
  readonly windowsAnswer: WindowsZoneName | null;
}

declare module '../model/evidence.js' {
  interface EvidenceFactsByKind {
    'zone-mapping': ZoneMappingFacts;
  }
}
