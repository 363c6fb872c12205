/**
 * Registry facts as both hosts report them. Windows registry key and value names are
 * case-insensitive but case-preserving; enumeration order is kept because some readers
 * depend on it (ZoneMap\Ranges are "processed in the order added", reference §1.3).
 */
import { z } from 'zod';

export const registryHives = ['HKCU', 'HKLM'] as const;
export const registryHiveSchema = z.enum(registryHives);
export type RegistryHive = z.infer<typeof registryHiveSchema>;

/** A key path below a hive, backslash-separated, no leading or trailing backslash. */
export const registryKeyPathSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine((path) => !path.startsWith('\\') && !path.endsWith('\\') && !path.includes('\\\\'), {
    message: 'registry key path must not start or end with a backslash or contain an empty segment',
  })
  .refine((path) => ![...path].some((char) => char.charCodeAt(0) < 0x20), {
    message: 'registry key path contains a control character',
  });

export const registryKeyRefSchema = z.object({ hive: registryHiveSchema, path: registryKeyPathSchema });
export type RegistryKeyRef = z.infer<typeof registryKeyRefSchema>;

/** Value names may be empty (the default value) and contain any character but NUL. */
export const registryValueNameSchema = z
  .string()
  .max(16383)
  .refine((name) => !name.includes('\u0000'), { message: 'registry value name contains NUL' });

const dword = z.number().int().min(0).max(0xffffffff);

export const registryValueSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('REG_DWORD'), data: dword }),
  z.object({ type: z.literal('REG_QWORD'), data: z.string().regex(/^\d{1,20}$/) }),
  z.object({ type: z.literal('REG_SZ'), data: z.string() }),
  z.object({ type: z.literal('REG_EXPAND_SZ'), data: z.string() }),
  z.object({ type: z.literal('REG_MULTI_SZ'), data: z.array(z.string()) }),
  /** Binary data as lowercase hex, two digits a byte. */
  z.object({ type: z.literal('REG_BINARY'), data: z.string().regex(/^(?:[0-9a-f]{2})*$/) }),
]);
export type RegistryValue = z.infer<typeof registryValueSchema>;

export interface RegistryNamedValue {
  readonly name: string;
  readonly value: RegistryValue;
}

/** One key and everything below it, as read in one go (bounded depth). */
export interface RegistryTreeNode {
  readonly name: string;
  readonly values: readonly RegistryNamedValue[];
  readonly subkeys: readonly RegistryTreeNode[];
  /** True when the reader stopped descending here because of the depth bound. */
  readonly truncated?: boolean;
}

export const registryTreeNodeSchema: z.ZodType<RegistryTreeNode> = z.lazy(() =>
  z.object({
    name: z.string(),
    values: z.array(z.object({ name: registryValueNameSchema, value: registryValueSchema })),
    subkeys: z.array(registryTreeNodeSchema),
    truncated: z.boolean().optional(),
  }),
);

/** Renders a key the way regedit and `reg query` print it (reference §1.8). */
export function formatRegistryKey(key: RegistryKeyRef): string {
  const hive = key.hive === 'HKCU' ? 'HKEY_CURRENT_USER' : 'HKEY_LOCAL_MACHINE';
  return `${hive}\\${key.path}`;
}

export function joinRegistryPath(...segments: string[]): string {
  return segments.filter((segment) => segment.length > 0).join('\\');
}

export function sameRegistryName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function sameRegistryValue(a: RegistryValue | null, b: RegistryValue | null): boolean {
  if (a === null || b === null) return a === b;
  return a.type === b.type && JSON.stringify(a.data) === JSON.stringify(b.data);
}

/** Formats a value as `reg query` does: DWORD as 0x-hex without leading zeros (reference §1.8). */
export function formatRegistryData(value: RegistryValue): string {
  switch (value.type) {
    case 'REG_DWORD':
      return `0x${value.data.toString(16)}`;
    case 'REG_QWORD':
      return `0x${BigInt(value.data).toString(16)}`;
    case 'REG_MULTI_SZ':
      return value.data.join('\\0');
    default:
      return value.data;
  }
}
