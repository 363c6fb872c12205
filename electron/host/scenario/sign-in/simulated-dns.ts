/**
 * DNS as the simulated machine sees it (scenario sections `dns` and `directory.cnames`), in
 * the shape the live sign-in test's real resolver returns (electron/live/network.ts), so the
 * same evidence and SPN rule follow from it. A short name is tried with the machine's DNS
 * domain appended first, as the Windows resolver does with its primary suffix; CNAME chains
 * are followed at most 8 hops, like the real resolver (reference §2.4, §7.3).
 */
import { isIP } from 'node:net';
import { describeNetworkFailure } from '../../../../shared/live/network-failure.js';
import type { Scenario } from '../../../../shared/scenario/scenario-schema.js';
import type { NameResolution } from '../../../live/network.js';
import { domainControllerOf } from '../tools/workstation-state.js';

/** Where a name resolves when the scenario has no `dns` section: one address for every web server. */
export const defaultServerAddress = '10.0.0.20';
export const simulatedResolverName = 'scenario DNS (simulated)';
const maxCnameHops = 8;

function normalized(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/** The CNAME target of `name`, from the `dns` records first, then the directory's AD-integrated records. */
function cnameTarget(scenario: Scenario, name: string): string | null {
  for (const record of scenario.dns?.records ?? [])
    if (record.type === 'CNAME' && normalized(record.name) === name) return normalized(record.canonicalName);
  for (const record of scenario.directory?.cnames ?? [])
    if (normalized(record.name) === name) return normalized(record.canonicalName);
  return null;
}

function addressesOf(scenario: Scenario, name: string): string[] {
  if (scenario.dns) {
    return scenario.dns.records
      .filter((record) => record.type === 'A' && normalized(record.name) === name)
      .map((record) => (record.type === 'A' ? record.address : ''));
  }
  const dc = domainControllerOf(scenario);
  if (dc && normalized(dc.name) === name) return [dc.address];
  return [defaultServerAddress];
}

/** The CNAME chain from `name` (the name itself first). */
function cnameChain(scenario: Scenario, name: string): string[] {
  const chain = [name];
  for (let hop = 0; hop < maxCnameHops; hop += 1) {
    const next = cnameTarget(scenario, chain.at(-1) ?? name);
    if (next === null || chain.includes(next)) break;
    chain.push(next);
  }
  return chain;
}

/** The canonical name behind an alias (null for a name that is no alias), as the SPN probe asks it. */
export function simulatedCanonicalName(scenario: Scenario, name: string): string | null {
  const chain = cnameChain(scenario, normalized(name));
  return chain.length > 1 ? (chain.at(-1) ?? null) : null;
}

export function resolveSimulatedName(scenario: Scenario, host: string): NameResolution {
  const typed = normalized(host);
  if (isIP(typed.replace(/^\[|\]$/g, '')) !== 0) {
    return {
      host,
      resolver: simulatedResolverName,
      queriedName: typed,
      searchSuffix: null,
      cnameChain: [typed],
      canonicalName: null,
      addresses: [typed],
      failure: null,
    };
  }
  const suffix = scenario.machine.dnsDomain ? normalized(scenario.machine.dnsDomain) : null;
  const candidates = !typed.includes('.') && suffix ? [`${typed}.${suffix}`, typed] : [typed];
  for (const candidate of candidates) {
    const chain = cnameChain(scenario, candidate);
    const addresses = addressesOf(scenario, chain.at(-1) ?? candidate);
    if (addresses.length === 0) continue;
    return {
      host,
      resolver: simulatedResolverName,
      queriedName: candidate,
      searchSuffix: candidate === typed ? null : suffix,
      cnameChain: chain,
      canonicalName: chain.length > 1 ? (chain.at(-1) ?? null) : null,
      addresses,
      failure: null,
    };
  }
  return {
    host,
    resolver: simulatedResolverName,
    queriedName: typed,
    searchSuffix: null,
    cnameChain: [],
    canonicalName: null,
    addresses: [],
    failure: {
      kind: 'dns-not-found',
      message: describeNetworkFailure('dns-not-found', host),
      code: 'ENOTFOUND',
    },
  };
}
