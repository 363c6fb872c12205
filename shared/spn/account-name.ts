/**
 * Windows account names as IIS, setspn and a domain admin write them: `CONTOSO\svc-web`,
 * `svc-web@contoso.com`, `.\localuser`, `CONTOSO\WEB01$` (a computer account's
 * sAMAccountName ends with `$`).
 */

export type AccountKind = 'computer' | 'user' | 'local' | 'unknown';

export interface AccountName {
  readonly kind: AccountKind;
  /** NetBIOS domain (or the computer name for a local account); null when only a UPN suffix is known. */
  readonly domain: string | null;
  readonly samAccountName: string;
  /** How a person writes it: `CONTOSO\svc-web`. */
  readonly display: string;
}

export class AccountNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccountNameError';
  }
}

/** sAMAccountName rules: at most 20 characters (computer: 15 + `$`), none of `"/\[]:;|=,+*?<>@`. */
const samPattern = /^[^"/\\[\]:;|=,+*?<>@\s][^"/\\[\]:;|=,+*?<>@]{0,19}$/;
const domainPattern = /^[A-Za-z0-9][A-Za-z0-9.-]{0,62}$/;

/**
 * Reads a pool `userName` or a setspn account argument. `computerName` decides whether
 * `WEB01\user` / `.\user` is a local account (no Kerberos keys in AD).
 */
export function parseAccountName(text: string, computerName: string): AccountName {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > 256)
    throw new AccountNameError('an account name must be 1 to 256 characters long');
  if ([...trimmed].some((char) => char.charCodeAt(0) < 0x20))
    throw new AccountNameError('the account name contains a control character');
  const backslash = trimmed.indexOf('\\');
  const at = trimmed.lastIndexOf('@');
  let domain: string | null;
  let sam: string;
  if (backslash >= 0) {
    domain = trimmed.slice(0, backslash);
    sam = trimmed.slice(backslash + 1);
    if (domain !== '.' && !domainPattern.test(domain))
      throw new AccountNameError(`"${trimmed.slice(0, 60)}" has an invalid domain part`);
  } else if (at > 0) {
    sam = trimmed.slice(0, at);
    domain = null;
    if (!domainPattern.test(trimmed.slice(at + 1)))
      throw new AccountNameError(`"${trimmed.slice(0, 60)}" has an invalid UPN suffix`);
  } else {
    sam = trimmed;
    domain = null;
  }
  if (!samPattern.test(sam))
    throw new AccountNameError(`"${trimmed.slice(0, 60)}" is not a valid account name`);
  if (domain === '.' || (domain !== null && domain.toLowerCase() === computerName.toLowerCase())) {
    return {
      kind: 'local',
      domain: computerName.toUpperCase(),
      samAccountName: sam,
      display: `${computerName.toUpperCase()}\\${sam}`,
    };
  }
  if (backslash < 0 && at < 0) return { kind: 'unknown', domain: null, samAccountName: sam, display: sam };
  const display = domain !== null ? `${domain.toUpperCase()}\\${sam}` : trimmed;
  return {
    kind: sam.endsWith('$') && !/^gmsa/i.test(sam) ? 'computer' : 'user',
    domain: domain?.toUpperCase() ?? null,
    samAccountName: sam,
    display,
  };
}

export function computerAccount(computerName: string, domain: string): AccountName {
  const sam = `${computerName.toUpperCase()}$`;
  return {
    kind: 'computer',
    domain: domain.toUpperCase(),
    samAccountName: sam,
    display: `${domain.toUpperCase()}\\${sam}`,
  };
}

export function sameAccount(a: AccountName, b: AccountName): boolean {
  return (
    a.samAccountName.toLowerCase() === b.samAccountName.toLowerCase() &&
    (a.domain === null || b.domain === null || a.domain.toLowerCase() === b.domain.toLowerCase())
  );
}
