/**
 * What an intact verdict chain rules out, one plain sentence per cause, so the person sees
 * which link proved each cause absent — and the whole verdict line exactly once (on
 * `spn-wrong-account`, the last link: the account that decrypts holds the SPN).
 *
 * Facts: providers and anonymous (reference §4.1), HOST/ serving HTTP/ for computer accounts
 * (§3.1), CNAME and port forms (§7.3), duplicates (§3.2), farms (§7.5).
 */
import type { CauseId } from '../../causes/cause-catalog.js';
import type { RuledOut } from '../../model/finding.js';
import type { DecryptionVerdict } from './decryption-chain.js';
import type { IisApplicationFacts, SpnRegistrationFacts } from './server-evidence.js';
import { appcmdLocation } from './server-remedies.js';

/** The commands that show, on another node of a farm, the same facts this node showed. */
export function farmNodeChecks(location: string): string {
  return (
    '`%windir%\\system32\\inetsrv\\appcmd.exe list apppool /xml /config` (pool identity) and ' +
    `\`%windir%\\system32\\inetsrv\\appcmd.exe list config "${location}" -section:system.webServer/security/authentication/windowsAuthentication /config:*\` ` +
    '(useKernelMode, useAppPoolCredentials)'
  );
}

export function ruledOutByIntactChain(
  app: IisApplicationFacts,
  spn: SpnRegistrationFacts | null,
  verdict: DecryptionVerdict,
  evidence: readonly string[],
): RuledOut[] {
  const location =
    app.site && app.application ? appcmdLocation(app.site.name, app.application.path) : app.host;
  const entry = (cause: CauseId, summary: string): RuledOut => ({ cause, summary, evidence: [...evidence] });
  const requested = spn?.forms.requested ?? null;
  const anonymousOff = app.anonymousAuth?.settings.enabled === false;
  const providers = app.windowsAuth?.settings.providers.join(', ') ?? '';
  const out: RuledOut[] = [
    entry(
      'windows-auth-disabled',
      `Windows authentication is on for ${location}${anonymousOff ? ' and anonymous access is off' : ''}.`,
    ),
    entry(
      'providers-misconfigured',
      `The Windows authentication providers of ${location} are ${providers}: Negotiate (Kerberos) comes first.`,
    ),
  ];
  if (requested === null || !spn) {
    // An IP address: browsers use NTLM, no SPN is involved (§2.4).
    for (const cause of [
      'spn-missing',
      'spn-netbios-missing',
      'spn-duplicate',
      'kernel-mode-no-apppool-creds',
      'farm-shared-name',
      'cname-alias-spn',
      'port-in-spn',
    ] as const) {
      out.push(entry(cause, `${app.host} is an IP address, so browsers use NTLM and no SPN is asked for.`));
    }
    out.push(entry('spn-wrong-account', verdict.line));
    return out;
  }
  const holder = spn.decryptingAccount?.account.display ?? 'the account that decrypts';
  const isComputer = spn.decryptingAccount?.account.kind === 'computer';
  const auth = app.windowsAuth?.settings;
  out.push(
    entry(
      'spn-missing',
      `${requested} is registered, on ${holder}${isComputer ? ' (its HOST/ SPN covers HTTP/)' : ''}.`,
    ),
    entry(
      'spn-duplicate',
      spn.duplicates === null
        ? `${requested} is held by one account (setspn -Q); setspn -X could not be asked.`
        : `${requested} is registered on one account only.`,
    ),
    entry(
      'spn-netbios-missing',
      isComputer
        ? `${holder} is a computer account: its HOST/ SPNs cover both the full and the short name.`
        : `Both ${spn.forms.fqdnForm ?? requested} and ${spn.forms.netbiosForm} are on ${holder}.`,
    ),
    entry(
      'kernel-mode-no-apppool-creds',
      auth?.useKernelMode
        ? `Kernel-mode authentication decrypts with ${holder}${auth.useAppPoolCredentials ? ' (useAppPoolCredentials true)' : ''}, the account that holds the SPN.`
        : `Kernel-mode authentication is off for ${location}: the pool identity decrypts.`,
    ),
    entry(
      'farm-shared-name',
      `This server (${app.machine.computerName}) decrypts with ${holder}, which holds ${requested}. If other servers answer for ${app.host} behind a load balancer, ` +
        `each must decrypt with ${holder} too — check on every node: ${farmNodeChecks(location)}.`,
    ),
    entry(
      'cname-alias-spn',
      spn.canonicalName
        ? `${app.host} is an alias of ${spn.canonicalName}, and ${requested} (the name browsers ask for) is on ${holder}.`
        : `${app.host} is not a DNS alias (CNAME).`,
    ),
    entry(
      'port-in-spn',
      spn.forms.otherPortForm
        ? `Browsers ask for ${requested}, and that form is the one registered.`
        : `${app.host} is served on a default port (${app.port}), so no port belongs in the SPN.`,
    ),
    entry('spn-wrong-account', verdict.line),
  );
  return out;
}
