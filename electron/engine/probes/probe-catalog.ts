/** Every probe the engine can run, by id (the decision tree names probes by these ids). */
import type { Probe } from '../probe.js';
import { zoneMappingProbe } from './zone-mapping.js';

export const probeCatalog: readonly Probe[] = [zoneMappingProbe];

export function findProbe(id: string): Probe | undefined {
  return probeCatalog.find((probe) => probe.id === id);
}
