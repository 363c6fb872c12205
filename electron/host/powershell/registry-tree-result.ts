/**
 * The read-registry-tree primitive's flat node list (scripts/read-registry-tree.ps1), checked
 * and rebuilt into the host's RegistryTreeNode. Flat on the wire so ConvertTo-Json -Depth can
 * never cut a deep tree; kinds may come as names or as RegistryValueKind numbers (5.1 writes
 * enums as numbers unless .ToString() was called): String 1, ExpandString 2, Binary 3,
 * DWord 4, MultiString 7, QWord 11, Unknown 0, None -1 (Learn "RegistryValueKind").
 */
import { z } from 'zod';
import {
  registryValueSchema,
  type RegistryNamedValue,
  type RegistryTreeNode,
  type RegistryValue,
} from '../../../shared/host/registry.js';
import { HostError } from '../host.js';
import { asArray, enumByNameOrNumber } from './powershell-json-quirks.js';

const valueKindSchema = enumByNameOrNumber(
  new Map([
    [-1, 'None'],
    [0, 'Unknown'],
    [1, 'String'],
    [2, 'ExpandString'],
    [3, 'Binary'],
    [4, 'DWord'],
    [7, 'MultiString'],
    [11, 'QWord'],
  ] as const),
);

const rawValueSchema = z.object({ name: z.string(), kind: valueKindSchema, data: z.unknown() });

const rawNodeSchema = z.object({
  id: z.number().int().min(0),
  parent: z.number().int().min(-1),
  name: z.string(),
  truncated: z.boolean(),
  values: asArray(rawValueSchema),
});

export const registryTreeResultSchema = z.object({
  found: z.boolean(),
  nodes: asArray(rawNodeSchema),
});
export type RegistryTreeResult = z.infer<typeof registryTreeResultSchema>;

/** Kinds the host's RegistryValue cannot hold (REG_NONE, REG_LINK, resource lists) are left out. */
export const unrepresentedValueKinds = ['None', 'Unknown'] as const;

/** QWORD as a decimal string; a signed Int64 reading (negative) is folded to its unsigned bits. */
function unsignedQword(data: unknown): unknown {
  const text = typeof data === 'number' && Number.isSafeInteger(data) ? String(data) : data;
  if (typeof text !== 'string' || !/^-?\d{1,20}$/.test(text)) return data;
  const value = BigInt(text);
  if (value < -(2n ** 63n) || value >= 2n ** 64n) return data;
  return (value < 0n ? value + 2n ** 64n : value).toString();
}

function toRegistryValue(kind: z.infer<typeof valueKindSchema>, data: unknown): RegistryValue | null {
  const candidate = (() => {
    switch (kind) {
      case 'DWord':
        // The script already sends UInt32; a negative Int32 is the Get-ItemProperty reading of
        // the same bits (reference §1.8) and is folded back rather than rejected.
        return {
          type: 'REG_DWORD',
          data:
            typeof data === 'number' && Number.isInteger(data) && data < 0 && data >= -0x80000000
              ? data + 0x1_0000_0000
              : data,
        };
      case 'QWord':
        return { type: 'REG_QWORD', data: unsignedQword(data) };
      case 'String':
        return { type: 'REG_SZ', data: data ?? '' };
      case 'ExpandString':
        return { type: 'REG_EXPAND_SZ', data: data ?? '' };
      case 'MultiString':
        // 5.1: one string for a one-item array, null for an empty one.
        return {
          type: 'REG_MULTI_SZ',
          data: data === null || data === undefined ? [] : Array.isArray(data) ? data : [data],
        };
      case 'Binary':
        return { type: 'REG_BINARY', data: data ?? '' };
      default:
        return null;
    }
  })();
  if (candidate === null) return null;
  const parsed = registryValueSchema.safeParse(candidate);
  if (!parsed.success)
    throw new HostError(`read-registry-tree: a ${kind} value came back in an unexpected form`, 'failed');
  return parsed.data;
}

/** Rebuilds the tree; every node's parent must come before it (the script walks breadth-first). */
export function toRegistryTree(result: RegistryTreeResult): RegistryTreeNode | null {
  if (!result.found) return null;
  if (result.nodes.length === 0)
    throw new HostError('read-registry-tree: the key was found but no node came back', 'failed');
  interface Building {
    name: string;
    values: RegistryNamedValue[];
    subkeys: Building[];
    truncated: boolean;
  }
  const built: Building[] = [];
  result.nodes.forEach((node, index) => {
    if (node.id !== index)
      throw new HostError(`read-registry-tree: node ${index} carries id ${node.id}`, 'failed');
    if ((index === 0) !== (node.parent === -1) || node.parent >= index) {
      throw new HostError(
        `read-registry-tree: node ${index} has an impossible parent ${node.parent}`,
        'failed',
      );
    }
    const values: RegistryNamedValue[] = [];
    for (const raw of node.values) {
      const value = toRegistryValue(raw.kind, raw.data);
      if (value) values.push({ name: raw.name, value });
    }
    const building: Building = { name: node.name, values, subkeys: [], truncated: node.truncated };
    built.push(building);
    if (node.parent >= 0) built[node.parent]?.subkeys.push(building);
  });
  const freeze = (node: Building): RegistryTreeNode =>
    node.truncated
      ? { name: node.name, values: node.values, subkeys: node.subkeys.map(freeze), truncated: true }
      : { name: node.name, values: node.values, subkeys: node.subkeys.map(freeze) };
  const root = built[0];
  if (!root) throw new HostError('read-registry-tree: no root node', 'failed');
  return freeze(root);
}
