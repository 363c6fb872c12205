/**
 * Windows URL security zones (reference §1.1: URLZONE enumeration, KB182569). Only the five
 * built-in zones are modelled; user-defined zones (1000–10000) are reported as unusable
 * values by the readers that meet them.
 */
export type ZoneNumber = 0 | 1 | 2 | 3 | 4;

export const zoneNumbers: readonly ZoneNumber[] = [0, 1, 2, 3, 4];

const zoneNames: Record<ZoneNumber, string> = {
  0: 'My Computer',
  1: 'Local intranet',
  2: 'Trusted sites',
  3: 'Internet',
  4: 'Restricted sites',
};

/** The name Internet Options shows for the zone (My Computer is not shown there, §1.1). */
export function zoneName(zone: ZoneNumber): string {
  return zoneNames[zone];
}

export function isZoneNumber(value: number): value is ZoneNumber {
  return Number.isInteger(value) && value >= 0 && value <= 4;
}
