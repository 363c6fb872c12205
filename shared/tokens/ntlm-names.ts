/**
 * NTLMSSP constants (reference §8.6; MS-NLMP §2.2.2.5 NegotiateFlags, §2.2.2.1 AV_PAIR).
 */
export const ntlmFlags = {
  NEGOTIATE_UNICODE: 0x00000001,
  NEGOTIATE_OEM: 0x00000002,
  REQUEST_TARGET: 0x00000004,
  NEGOTIATE_SIGN: 0x00000010,
  NEGOTIATE_SEAL: 0x00000020,
  NEGOTIATE_DATAGRAM: 0x00000040,
  NEGOTIATE_LM_KEY: 0x00000080,
  NEGOTIATE_NTLM: 0x00000200,
  ANONYMOUS: 0x00000800,
  OEM_DOMAIN_SUPPLIED: 0x00001000,
  OEM_WORKSTATION_SUPPLIED: 0x00002000,
  NEGOTIATE_ALWAYS_SIGN: 0x00008000,
  TARGET_TYPE_DOMAIN: 0x00010000,
  TARGET_TYPE_SERVER: 0x00020000,
  NEGOTIATE_EXTENDED_SESSIONSECURITY: 0x00080000,
  NEGOTIATE_IDENTIFY: 0x00100000,
  REQUEST_NON_NT_SESSION_KEY: 0x00400000,
  NEGOTIATE_TARGET_INFO: 0x00800000,
  NEGOTIATE_VERSION: 0x02000000,
  NEGOTIATE_128: 0x20000000,
  NEGOTIATE_KEY_EXCH: 0x40000000,
  NEGOTIATE_56: 0x80000000,
} as const;

export type NtlmFlagName = keyof typeof ntlmFlags;

/** Flag names in bit order; reserved bits that are set come out as `RESERVED_0x…`. */
export function ntlmFlagNames(flags: number): string[] {
  const names: string[] = [];
  for (let bit = 0; bit < 32; bit += 1) {
    const value = 2 ** bit;
    if (Math.floor(flags / value) % 2 === 0) continue;
    const name = (Object.keys(ntlmFlags) as NtlmFlagName[]).find((key) => ntlmFlags[key] === value);
    names.push(name ?? `RESERVED_0x${value.toString(16).padStart(8, '0')}`);
  }
  return names;
}

export function hasNtlmFlag(flags: number, flag: NtlmFlagName): boolean {
  return Math.floor(flags / ntlmFlags[flag]) % 2 === 1;
}

export const avIds = {
  MsvAvEOL: 0x0000,
  MsvAvNbComputerName: 0x0001,
  MsvAvNbDomainName: 0x0002,
  MsvAvDnsComputerName: 0x0003,
  MsvAvDnsDomainName: 0x0004,
  MsvAvDnsTreeName: 0x0005,
  MsvAvFlags: 0x0006,
  MsvAvTimestamp: 0x0007,
  MsvAvSingleHost: 0x0008,
  MsvAvTargetName: 0x0009,
  MsvAvChannelBindings: 0x000a,
} as const;

export type AvIdName = keyof typeof avIds;

export function avIdName(id: number): string {
  const name = (Object.keys(avIds) as AvIdName[]).find((key) => avIds[key] === id);
  return name ?? `unknown AV_PAIR 0x${id.toString(16).padStart(4, '0')}`;
}

/** MsvAvFlags bits (MS-NLMP §2.2.2.1). */
export function avFlagNames(value: number): string[] {
  const names: string[] = [];
  if (value & 0x1) names.push('account-authentication-constrained');
  if (value & 0x2) names.push('mic-present');
  if (value & 0x4) names.push('spn-from-untrusted-source');
  if (value & ~0x7) names.push(`other 0x${((value & ~0x7) >>> 0).toString(16)}`);
  return names;
}
