/**
 * What happened when the client asked for a Kerberos service ticket for an SPN, read from the
 * error text GSSAPI (MIT krb5) or SSPI (Windows) returned. The texts are the libraries' own:
 * MIT `krb5_get_error_message` strings and SSPI SEC_E_* names/codes (reference §5.2, §6.1, §6.2).
 */

export const ticketOutcomes = [
  /** A token was produced: the KDC issued a service ticket (or one was cached). */
  'token',
  /** KDC_ERR_S_PRINCIPAL_UNKNOWN (7): no account holds this SPN. */
  'principal-unknown',
  /** KDC_ERR_PRINCIPAL_NOT_UNIQUE (8): the SPN is on more than one account. */
  'principal-not-unique',
  /** No KDC answered for the realm (no logon servers). */
  'kdc-unreachable',
  /** The user has no Kerberos credentials (no TGT, not signed in to a domain). */
  'no-credentials',
  /** KRB_AP_ERR_SKEW (37): clocks differ by more than the allowed skew. */
  'clock-skew',
  /**
   * The library gave no answer within the live test's time limit — almost always a KDC that
   * drops the packets (firewall, VPN down) while the library keeps retrying.
   */
  'timed-out',
  /** The Kerberos library itself is not available on this machine. */
  'unavailable',
  'failed',
] as const;
export type TicketOutcome = (typeof ticketOutcomes)[number];

const patterns: readonly (readonly [TicketOutcome, RegExp])[] = [
  // MIT: "Server HTTP/x@REALM not found in Kerberos database"; SSPI: SEC_E_TARGET_UNKNOWN 0x80090303.
  [
    'principal-unknown',
    /not found in Kerberos database|KDC_ERR_S_PRINCIPAL_UNKNOWN|SEC_E_TARGET_UNKNOWN|0x80090303|target (principal )?(name )?is unknown/i,
  ],
  ['principal-not-unique', /not unique|KDC_ERR_PRINCIPAL_NOT_UNIQUE/i],
  // MIT: "Cannot contact any KDC for realm 'X'", "Cannot find KDC for realm"; SSPI: SEC_E_NO_AUTHENTICATING_AUTHORITY 0x80090311, 0xc000005e.
  [
    'kdc-unreachable',
    /Cannot (contact any|find) KDC|SEC_E_NO_AUTHENTICATING_AUTHORITY|0x80090311|0xc000005e|no logon servers/i,
  ],
  ['clock-skew', /Clock skew too great|KRB_AP_ERR_SKEW|SEC_E_TIME_SKEW|0x80090324/i],
  // MIT: "No Kerberos credentials available", "No credentials cache found", "Credentials cache file ... not found",
  // "Ticket expired"; SSPI: SEC_E_NO_CREDENTIALS 0x8009030e.
  [
    'no-credentials',
    /No Kerberos credentials|No credentials (cache )?(were supplied|found|are available)|Credentials cache file .* not found|Ticket expired|SEC_E_NO_CREDENTIALS|0x8009030e/i,
  ],
  // Our own time limit (negotiate-client.ts): "Kerberos ticket request for X timed out after N ms".
  ['timed-out', /timed out after \d+ ms/],
];

export function classifyTicketFailure(message: string): TicketOutcome {
  for (const [outcome, pattern] of patterns) if (pattern.test(message)) return outcome;
  return 'failed';
}

/**
 * MIT GSSAPI prefixes the useful text with "Unspecified GSS failure.  Minor code may provide
 * more information: "; keep only what the person can act on.
 */
export function cleanTicketMessage(message: string): string {
  return message
    .replace(/^\s*Unspecified GSS failure\.\s+Minor code may provide more information:?\s*/i, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function describeTicketOutcome(outcome: TicketOutcome, spn: string): string {
  switch (outcome) {
    case 'token':
      return `The domain issued a Kerberos ticket for ${spn}.`;
    case 'principal-unknown':
      return `The domain has no account with the SPN ${spn} (KDC_ERR_S_PRINCIPAL_UNKNOWN).`;
    case 'principal-not-unique':
      return `The SPN ${spn} is registered on more than one account (KDC_ERR_PRINCIPAL_NOT_UNIQUE).`;
    case 'kdc-unreachable':
      return `No domain controller (KDC) answered when asking for a ticket for ${spn}.`;
    case 'no-credentials':
      return `This account has no Kerberos credentials to ask for a ticket for ${spn}.`;
    case 'clock-skew':
      return `The domain refused the ticket request for ${spn} because the clocks differ too much (KRB_AP_ERR_SKEW).`;
    case 'timed-out':
      return `Asking for a Kerberos ticket for ${spn} got no answer in time: no domain controller (KDC) answered.`;
    case 'unavailable':
      return `Kerberos is not available in this copy of the app, so no ticket for ${spn} could be requested.`;
    case 'failed':
      return `Asking for a Kerberos ticket for ${spn} failed.`;
  }
}
