/**
 * http.sys request-header limits (reference §7.2, KB 820129 / KB 2020943):
 * `HKLM\System\CurrentControlSet\Services\HTTP\Parameters` `MaxFieldLength` (default 16384,
 * range 64–65534, per header) and `MaxRequestBytes` (default 16384, range 256–16777216,
 * request line + all headers). A Kerberos token of T bytes needs both at `4/3·T + 200`.
 */
import type { RegistryTreeNode } from '../host/registry.js';
import { sameRegistryName } from '../host/registry.js';

export const httpSysParametersKey = {
  hive: 'HKLM',
  path: 'SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters',
} as const;

export const httpSysDefaults = { maxFieldLength: 16384, maxRequestBytes: 16384 } as const;
export const httpSysMaxima = { maxFieldLength: 65534, maxRequestBytes: 16777216 } as const;

export interface HttpSysLimits {
  readonly maxFieldLength: number;
  readonly maxRequestBytes: number;
  /** Which values were set in the registry (the others are defaults). */
  readonly explicit: { readonly maxFieldLength: boolean; readonly maxRequestBytes: boolean };
  /** Values present with the wrong type (not REG_DWORD), which http.sys ignores. */
  readonly ignoredValues: readonly string[];
}

export function readHttpSysLimits(parameters: RegistryTreeNode | null): HttpSysLimits {
  const ignoredValues: string[] = [];
  const dword = (name: string): number | null => {
    const entry = parameters?.values.find((value) => sameRegistryName(value.name, name));
    if (!entry) return null;
    if (entry.value.type !== 'REG_DWORD') {
      ignoredValues.push(`${name} (${entry.value.type})`);
      return null;
    }
    return entry.value.data;
  };
  const field = dword('MaxFieldLength');
  const request = dword('MaxRequestBytes');
  return {
    maxFieldLength: field ?? httpSysDefaults.maxFieldLength,
    maxRequestBytes: request ?? httpSysDefaults.maxRequestBytes,
    explicit: { maxFieldLength: field !== null, maxRequestBytes: request !== null },
    ignoredValues,
  };
}

/** Length of `Authorization: Negotiate <base64>` for a token of `tokenBytes` (base64 is 4/3). */
export function negotiateHeaderLength(tokenBytes: number): number {
  return 'Authorization: Negotiate '.length + Math.ceil(tokenBytes / 3) * 4;
}

/** The sizing rule of §7.2: `(4/3 · T) + 200`, capped at the maxima. */
export function recommendedHttpSysLimits(tokenBytes: number): {
  maxFieldLength: number;
  maxRequestBytes: number;
} {
  const size = Math.ceil((4 / 3) * tokenBytes) + 200;
  return {
    maxFieldLength: Math.min(size, httpSysMaxima.maxFieldLength),
    maxRequestBytes: Math.min(size, httpSysMaxima.maxRequestBytes),
  };
}

/** True when a token of `tokenBytes` does not fit (the header or the whole request is too long). */
export function tokenExceedsLimits(tokenBytes: number, limits: HttpSysLimits): boolean {
  const header = negotiateHeaderLength(tokenBytes);
  // "If MaxRequestBytes is lower than MaxFieldLength, MaxFieldLength is adjusted" (§7.2).
  const field = Math.min(limits.maxFieldLength, limits.maxRequestBytes);
  return header > field || header > limits.maxRequestBytes;
}
