/** Every probe the engine can run, by id (the decision tree names probes by these ids). */
import type { Probe } from '../probe.js';
import { dnsNameProbe } from './dns-name.js';
import { liveSignInProbe } from './live-sign-in.js';
import { serverProbes } from './server-probes.js';
import { workstationProbes } from './workstation-probes.js';
import { zoneMappingProbe } from './zone-mapping.js';

export const probeCatalog: readonly Probe[] = [
  zoneMappingProbe,
  ...workstationProbes,
  ...serverProbes,
  liveSignInProbe,
  dnsNameProbe,
];

export function findProbe(id: string): Probe | undefined {
  return probeCatalog.find((probe) => probe.id === id);
}
