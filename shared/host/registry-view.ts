/**
 * A read-only view over registry trees a probe fetched in one go, so pure code in
 * shared/ can ask "what is under this key?" without touching the host again.
 */
import type {
  RegistryHive,
  RegistryKeyRef,
  RegistryNamedValue,
  RegistryTreeNode,
  RegistryValue,
} from './registry.js';
import { sameRegistryName } from './registry.js';

export interface FetchedRegistryTree {
  /** The key that was read; `tree` is null when it did not exist. */
  readonly root: RegistryKeyRef;
  readonly tree: RegistryTreeNode | null;
}

export interface RegistryView {
  /** The node at this key, or null when it does not exist or was not fetched. */
  key(hive: RegistryHive, path: string): RegistryTreeNode | null;
  value(hive: RegistryHive, path: string, name: string): RegistryValue | null;
  values(hive: RegistryHive, path: string): readonly RegistryNamedValue[];
  subkeys(hive: RegistryHive, path: string): readonly RegistryTreeNode[];
  /** True when the key lies under one of the fetched roots (so "absent" really means absent). */
  covers(hive: RegistryHive, path: string): boolean;
}

function splitPath(path: string): string[] {
  return path.split('\\').filter((segment) => segment.length > 0);
}

function isPrefix(prefix: string[], whole: string[]): boolean {
  return (
    prefix.length <= whole.length && prefix.every((segment, i) => sameRegistryName(segment, whole[i] ?? ''))
  );
}

export function createRegistryView(fetched: readonly FetchedRegistryTree[]): RegistryView {
  const lookup = (hive: RegistryHive, path: string): RegistryTreeNode | null => {
    const wanted = splitPath(path);
    for (const { root, tree } of fetched) {
      const rootSegments = splitPath(root.path);
      if (root.hive !== hive || !isPrefix(rootSegments, wanted)) continue;
      let node: RegistryTreeNode | null = tree;
      for (const segment of wanted.slice(rootSegments.length)) {
        if (!node) break;
        node = node.subkeys.find((child) => sameRegistryName(child.name, segment)) ?? null;
      }
      if (node) return node;
    }
    return null;
  };
  return {
    key: lookup,
    value(hive, path, name) {
      return lookup(hive, path)?.values.find((entry) => sameRegistryName(entry.name, name))?.value ?? null;
    },
    values(hive, path) {
      return lookup(hive, path)?.values ?? [];
    },
    subkeys(hive, path) {
      return lookup(hive, path)?.subkeys ?? [];
    },
    covers(hive, path) {
      const wanted = splitPath(path);
      return fetched.some(({ root }) => root.hive === hive && isPrefix(splitPath(root.path), wanted));
    },
  };
}
