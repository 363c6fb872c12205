/**
 * Kerberos ticket flag names as klist prints them after "Ticket Flags 0x… ->", highest bit first
 * (RFC 4120 §5.3 TicketFlags; names and order checked against the klist samples of reference
 * §6.1: 0x40e10000 -> forwardable renewable initial pre_authent name_canonicalize, and
 * 0x40a50000 -> … ok_as_delegate name_canonicalize).
 */
const flagBits: readonly (readonly [number, string])[] = [
  [0x80000000, 'reserved'],
  [0x40000000, 'forwardable'],
  [0x20000000, 'forwarded'],
  [0x10000000, 'proxiable'],
  [0x08000000, 'proxy'],
  [0x04000000, 'may_postdate'],
  [0x02000000, 'postdated'],
  [0x01000000, 'invalid'],
  [0x00800000, 'renewable'],
  [0x00400000, 'initial'],
  [0x00200000, 'pre_authent'],
  [0x00100000, 'hw_authent'],
  [0x00080000, 'transited_policy_checked'],
  [0x00040000, 'ok_as_delegate'],
  [0x00010000, 'name_canonicalize'],
];

export function ticketFlagNames(flags: number): string[] {
  return flagBits.filter(([bit]) => (flags & bit) >>> 0 === bit).map(([, name]) => name);
}
