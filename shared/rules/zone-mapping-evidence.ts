/**
 * Evidence kind `zone-mapping`: which security zone Windows maps the URL to, why, and the
 * logon setting (URL action 1A00) of that zone (reference §1.5, §1.7).
 */
import type { LogonAction } from '../zones/logon-action.js';
import type { ZoneMapping } from '../zones/map-url-to-zone.js';

export interface ZoneMappingFacts {
  readonly mapping: ZoneMapping;
  readonly logon: LogonAction;
  /** What Windows itself answered ([System.Security.Policy.Zone]::CreateFromUrl), when it could be asked. */
  readonly windowsAnswer: string | null;
}

declare module '../model/evidence.js' {
  interface EvidenceFactsByKind {
    'zone-mapping': ZoneMappingFacts;
  }
}
