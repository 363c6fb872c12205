/**
 * The one way a domain account is named to setspn (issue 6), used alike by the SPN fixes the
 * app applies and by the admin hand-off it writes, so the two never disagree about an account.
 *
 * setspn takes "the computer name or domain\name of the target computer or a user account …
 * any desired AD object name can be used" (reference §3.1, setspn.md). An IIS pool identity may
 * also be written as a UPN (`svc-web@contoso.com`): that is a domain account too, but whether
 * setspn resolves a UPN is not documented [U], so it is named to setspn by the distinguished name
 * the directory gave for it (`setspn -L`, read by the SPN probe). Local accounts (`.\x`,
 * `WEB01\x`) and bare names have no keys in Active Directory and are refused.
 */
import { AccountNameError, parseAccountName } from './account-name.js';
import { DistinguishedNameError, parseDistinguishedName } from './distinguished-name.js';

export class DomainAccountError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DomainAccountError';
  }
}

function checkedDn(text: string): string {
  try {
    parseDistinguishedName(text);
    return text;
  } catch (error) {
    if (error instanceof DistinguishedNameError) throw new DomainAccountError(error.message);
    throw error;
  }
}

/**
 * The account argument setspn gets: `DOMAIN\name` as written, a DN as given, a UPN as its DN
 * (`knownDn`). Throws DomainAccountError, in one line, for anything that is not a domain account.
 */
export function setspnAccountArgument(text: string, computerName: string, knownDn?: string | null): string {
  if (/^CN=/i.test(text.trim())) return checkedDn(text.trim());
  let account;
  try {
    account = parseAccountName(text, computerName);
  } catch (error) {
    if (error instanceof AccountNameError) throw new DomainAccountError(error.message);
    throw error;
  }
  if (account.kind === 'local' || account.kind === 'unknown')
    throw new DomainAccountError(`"${text.slice(0, 80)}" is not a domain account (write DOMAIN\\name)`);
  if (account.domain !== null) return `${account.domain}\\${account.samAccountName}`;
  // A UPN: the domain account the directory named, by its DN.
  if (knownDn) return checkedDn(knownDn);
  throw new DomainAccountError(
    `"${text.slice(0, 80)}" is a domain account written as a UPN, and its distinguished name could not be looked up; run "setspn -L" for it and use DOMAIN\\name`,
  );
}
