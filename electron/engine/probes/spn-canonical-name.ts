/**
 * The canonical name behind a DNS alias, which browsers put in the SPN (reference §2.4,
 * §7.3). On a real machine: a CNAME lookup through the system resolver (bounded, at most
 * 8 hops and 2 s). A host that knows better offers a `resolveCanonicalName` method (the
 * scenario host answers from the scenario's `directory.cnames`); otherwise unknown.
 */
import { Resolver } from 'node:dns/promises';
import type { Host } from '../../host/host.js';

export type CanonicalNameResolver = (host: Host, name: string) => Promise<string | null>;

interface CanonicalNameHost {
  resolveCanonicalName(name: string): Promise<string | null>;
}

function offersCanonicalName(host: Host): host is Host & CanonicalNameHost {
  return typeof (host as Partial<CanonicalNameHost>).resolveCanonicalName === 'function';
}

async function systemCanonicalName(name: string): Promise<string | null> {
  const resolver = new Resolver({ timeout: 2000, tries: 1 });
  let current = name;
  let canonical: string | null = null;
  for (let hop = 0; hop < 8; hop += 1) {
    try {
      const [next] = await resolver.resolveCname(current);
      if (!next) break;
      current = next;
      canonical = next.toLowerCase();
    } catch {
      break;
    }
  }
  return canonical;
}

export const defaultCanonicalNameResolver: CanonicalNameResolver = async (host, name) => {
  if (offersCanonicalName(host)) return host.resolveCanonicalName(name);
  if (host.describe().kind === 'scenario') return null;
  return systemCanonicalName(name);
};
