/** Reads a set of registry roots (key + depth) through the host and wraps them in a view. */
import { formatRegQuery } from '../../../shared/host/reg-query-format.js';
import {
  createRegistryView,
  type FetchedRegistryTree,
  type RegistryView,
} from '../../../shared/host/registry-view.js';
import type { RegistryKeyRef } from '../../../shared/host/registry.js';
import type { RawOutput } from '../../../shared/model/evidence.js';
import type { Host } from '../../host/host.js';

export async function readRegistryRoots(
  host: Host,
  roots: readonly { key: RegistryKeyRef; depth: number }[],
): Promise<{ view: RegistryView; fetched: FetchedRegistryTree[]; raw: RawOutput[] }> {
  const fetched: FetchedRegistryTree[] = [];
  for (const root of roots)
    fetched.push({ root: root.key, tree: await host.readRegistryTree(root.key, root.depth) });
  const raw = fetched
    .filter(({ tree }) => tree !== null)
    .map(({ root, tree }) => ({
      label: `reg query "${root.hive}\\${root.path}" /s`,
      text: formatRegQuery(root, tree),
    }));
  return { view: createRegistryView(fetched), fetched, raw };
}
