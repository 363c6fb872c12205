/**
 * The scenario host's registry: a case-insensitive, order-preserving tree that remedies
 * really change, so diagnose -> fix -> verify -> undo runs against state, not canned text.
 */
import type {
  RegistryHive,
  RegistryKeyRef,
  RegistryNamedValue,
  RegistryTreeNode,
  RegistryValue,
} from '../../../shared/host/registry.js';

interface SimulatedKey {
  name: string;
  readonly values: Map<string, RegistryNamedValue>;
  readonly subkeys: Map<string, SimulatedKey>;
}

function newKey(name: string): SimulatedKey {
  return { name, values: new Map(), subkeys: new Map() };
}

function segmentsOf(path: string): string[] {
  return path.split('\\').filter((segment) => segment.length > 0);
}

export class SimulatedRegistry {
  private readonly hives: Record<RegistryHive, SimulatedKey> = { HKCU: newKey('HKCU'), HKLM: newKey('HKLM') };

  private find(key: RegistryKeyRef): SimulatedKey | null {
    let node: SimulatedKey | undefined = this.hives[key.hive];
    for (const segment of segmentsOf(key.path)) {
      node = node.subkeys.get(segment.toLowerCase());
      if (!node) return null;
    }
    return node;
  }

  private ensure(key: RegistryKeyRef): SimulatedKey {
    let node = this.hives[key.hive];
    for (const segment of segmentsOf(key.path)) {
      let child = node.subkeys.get(segment.toLowerCase());
      if (!child) {
        child = newKey(segment);
        node.subkeys.set(segment.toLowerCase(), child);
      }
      node = child;
    }
    return node;
  }

  createKey(key: RegistryKeyRef): void {
    this.ensure(key);
  }

  keyExists(key: RegistryKeyRef): boolean {
    return this.find(key) !== null;
  }

  readTree(key: RegistryKeyRef, depth: number): RegistryTreeNode | null {
    const node = this.find(key);
    return node ? snapshot(node, depth) : null;
  }

  getValue(key: RegistryKeyRef, name: string): RegistryValue | null {
    return this.find(key)?.values.get(name.toLowerCase())?.value ?? null;
  }

  setValue(key: RegistryKeyRef, name: string, value: RegistryValue): void {
    const node = this.ensure(key);
    const existing = node.values.get(name.toLowerCase());
    // Windows keeps the original spelling of an existing value name when it is overwritten.
    node.values.set(name.toLowerCase(), { name: existing?.name ?? name, value: structuredClone(value) });
  }

  deleteValue(key: RegistryKeyRef, name: string): void {
    this.find(key)?.values.delete(name.toLowerCase());
  }

  deleteEmptyKey(key: RegistryKeyRef): boolean {
    const segments = segmentsOf(key.path);
    const node = this.find(key);
    if (!node || segments.length === 0) return node === null;
    if (node.values.size > 0 || node.subkeys.size > 0) return false;
    const parent = this.find({ hive: key.hive, path: segments.slice(0, -1).join('\\') });
    parent?.subkeys.delete((segments.at(-1) ?? '').toLowerCase());
    return true;
  }
}

function snapshot(node: SimulatedKey, depth: number): RegistryTreeNode {
  const values = [...node.values.values()].map((entry) => ({
    name: entry.name,
    value: structuredClone(entry.value),
  }));
  if (depth <= 0) {
    return node.subkeys.size > 0
      ? { name: node.name, values, subkeys: [], truncated: true }
      : { name: node.name, values, subkeys: [] };
  }
  return {
    name: node.name,
    values,
    subkeys: [...node.subkeys.values()].map((child) => snapshot(child, depth - 1)),
  };
}
