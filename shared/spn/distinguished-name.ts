/**
 * LDAP distinguished names as setspn prints them (`CN=svc-web1,OU=Service Accounts,DC=contoso,DC=com`,
 * reference §3.2). Only what the SPN checks need: the first RDN's value (the account's
 * common name) and the DNS domain from the DC components. Escaped commas (`CN=Smith\, John`)
 * are honoured (RFC 4514 §2.4).
 */

export interface DistinguishedName {
  readonly text: string;
  /** Value of the first RDN, unescaped (for accounts: the CN). */
  readonly commonName: string;
  /** `contoso.com` from `DC=contoso,DC=com`; null when there are no DC components. */
  readonly dnsDomain: string | null;
}

export class DistinguishedNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DistinguishedNameError';
  }
}

export function parseDistinguishedName(text: string): DistinguishedName {
  if (text.length === 0 || text.length > 2048)
    throw new DistinguishedNameError('a distinguished name must be 1 to 2048 characters long');
  const rdns: { type: string; value: string }[] = [];
  let current = '';
  let escaped = false;
  const flush = (): void => {
    const eq = current.indexOf('=');
    if (eq <= 0)
      throw new DistinguishedNameError(
        `"${text.slice(0, 80)}" is not a distinguished name (component "${current.slice(0, 40)}" has no type=value)`,
      );
    rdns.push({ type: current.slice(0, eq).trim().toUpperCase(), value: unescape(current.slice(eq + 1)) });
    current = '';
  };
  for (const char of text) {
    if (escaped) {
      current += `\\${char}`;
      escaped = false;
    } else if (char === '\\') {
      escaped = true;
    } else if (char === ',') {
      flush();
    } else {
      current += char;
    }
  }
  if (escaped) throw new DistinguishedNameError(`"${text.slice(0, 80)}" ends with a lone backslash`);
  flush();
  const first = rdns[0];
  if (!first) throw new DistinguishedNameError('empty distinguished name');
  const dcs = rdns.filter((rdn) => rdn.type === 'DC').map((rdn) => rdn.value);
  return { text, commonName: first.value, dnsDomain: dcs.length > 0 ? dcs.join('.').toLowerCase() : null };
}

export function sameDistinguishedName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function unescape(value: string): string {
  return value.trim().replace(/\\(.)/g, '$1');
}
