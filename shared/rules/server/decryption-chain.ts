/**
 * The verdict chain (issue 6): from the SPN a browser asks for to the account that must
 * decrypt the ticket, one link at a time, stopping at the first broken link:
 *
 *   Browsers ask for HTTP/web01.contoso.com → registered on CONTOSO\svc-web
 *   → pool AppPool1 runs as CONTOSO\svc-web → kernel mode on, useAppPoolCredentials true
 *   → Kerberos can be decrypted ✓
 *
 * Facts: IIS windowsAuthentication/anonymousAuthentication and providers (reference §4.1),
 * pool identity → account (§4.4), kernel mode and useAppPoolCredentials (§4.1, KRB-IE),
 * SPN forms and ownership (§3, §7.3), HTTP/ served by HOST/ on computer accounts (§3.1),
 * duplicates (§3.2, §6.2).
 */
import type { CauseId } from '../../causes/cause-catalog.js';
import type { Confidence } from '../../model/finding.js';
import { handoffOnlyRemedies } from '../../handoff/handoff-offers.js';
import type { IisAppPool } from '../../iis/iis-configuration.js';
import { describeUnreadable, type UnreadableFact } from '../../iis/unreadable-fact.js';
import { sameAccount, type AccountName } from '../../spn/account-name.js';
import { parseDistinguishedName, sameDistinguishedName } from '../../spn/distinguished-name.js';
import { sameSpn } from '../../spn/service-principal-name.js';
import type {
  IisApplicationFacts,
  IisServerMachine,
  SpnFormOwnership,
  SpnOwner,
  SpnRegistrationFacts,
} from './server-evidence.js';
import { appcmdLocation, type ServerRemedyDraft } from './server-remedies.js';

export interface ChainBreak {
  readonly cause: CauseId;
  readonly confidence: Confidence;
  /** The verdict link that breaks, e.g. "registered on nobody ✗". */
  readonly link: string;
  /** Plain words, with the specifics of this case. */
  readonly explanation: string;
  readonly remedies: readonly ServerRemedyDraft[];
}

export interface DecryptionVerdict {
  /** The verdict, one line: links joined by " → ". */
  readonly line: string;
  readonly links: readonly string[];
  /** Index in `links` of the link that breaks (always the last one); null when none breaks. */
  readonly brokenLink: number | null;
  readonly broken: ChainBreak | null;
  /** False when the chain stopped because something could not be read (see `unreadable`). */
  readonly complete: boolean;
  readonly unreadable: readonly UnreadableFact[];
}

const arrow = ' → ';

function verdict(
  links: string[],
  broken: ChainBreak | null,
  complete: boolean,
  unreadable: readonly UnreadableFact[],
): DecryptionVerdict {
  return {
    line: links.join(arrow),
    links,
    brokenLink: broken ? links.length - 1 : null,
    broken,
    complete,
    unreadable,
  };
}

function incomplete(links: string[], unreadable: readonly UnreadableFact[], stop: string): DecryptionVerdict {
  const first = unreadable[0];
  return verdict(
    [...links, `${stop} ?${first ? ` (${describeUnreadable(first)})` : ''}`],
    null,
    false,
    unreadable,
  );
}

function formWithRole(
  spn: SpnRegistrationFacts,
  role: SpnFormOwnership['roles'][number],
): SpnFormOwnership | undefined {
  return spn.ownership.find((form) => form.roles.includes(role));
}

/**
 * How a holder is named in the verdict: the decrypting or pool account by its logon name; a
 * computer of this server's domain as `CONTOSO\WEB02$` (its sAMAccountName is the CN plus `$`);
 * anything else by its CN and DN.
 */
function ownerName(owner: SpnOwner, spn: SpnRegistrationFacts, machine?: IisServerMachine): string {
  if (spn.decryptingAccount?.dn && sameDistinguishedName(owner.dn, spn.decryptingAccount.dn))
    return spn.decryptingAccount.account.display;
  if (spn.poolAccount?.dn && sameDistinguishedName(owner.dn, spn.poolAccount.dn))
    return spn.poolAccount.account.display;
  try {
    const dn = parseDistinguishedName(owner.dn);
    if (
      owner.isComputer &&
      machine?.domain &&
      machine.dnsDomain &&
      dn.dnsDomain === machine.dnsDomain.toLowerCase()
    )
      return `${machine.domain.toUpperCase()}\\${dn.commonName.toUpperCase()}$`;
    return `${dn.commonName} (${owner.dn})`;
  } catch {
    return owner.dn;
  }
}

/** The computer account's common name is the computer name (farm nodes are told apart by it). */
function isThisComputer(owner: SpnOwner, computerName: string): boolean {
  try {
    return parseDistinguishedName(owner.dn).commonName.toLowerCase() === computerName.toLowerCase();
  } catch {
    return false;
  }
}

function isAccount(owner: SpnOwner, account: { dn: string | null } | null): boolean {
  return Boolean(account?.dn && sameDistinguishedName(owner.dn, account.dn));
}

/**
 * The account's distinguished name as the SPN probe read it (`setspn -L`), when known: setspn is
 * given a UPN identity by its DN (shared/spn/domain-account.ts).
 */
function dnOf(account: AccountName, facts: SpnRegistrationFacts): string | null {
  for (const known of [facts.decryptingAccount, facts.poolAccount])
    if (known?.dn && sameAccount(known.account, account)) return known.dn;
  return null;
}

function registerDrafts(
  facts: SpnRegistrationFacts,
  spns: readonly string[],
  account: AccountName,
  why: string,
): ServerRemedyDraft[] {
  const accountDn = dnOf(account, facts);
  return spns.map((spn) => ({
    remedy: 'domain.register-spn' as const,
    title: `Register ${spn} on ${account.display}`,
    params: { spn, account: account.display, why, ...(accountDn ? { accountDn } : {}) },
  }));
}

/**
 * The farm's fix (causes.md: one domain identity for the farm with the SPN on it): move the
 * forms the other node holds to an account the administrator chooses, run this node's pool as
 * it (kernel mode then needs useAppPoolCredentials), and repeat the IIS part on every node.
 * A script only (shared/handoff): the account and its password are the administrator's. It
 * takes the pool as read (name and identity): the undo puts back exactly that identity, so
 * without it there is no script rather than a guessed one.
 */
function farmIdentityDraft(
  facts: SpnRegistrationFacts,
  holder: SpnOwner,
  app: IisApplicationFacts,
  pool: IisAppPool,
  requested: string,
): ServerRemedyDraft {
  const heldForms = facts.ownership
    .filter((form) => (form.httpOwners ?? []).some((owner) => sameDistinguishedName(owner.dn, holder.dn)))
    .map((form) => form.spn);
  const spns = heldForms.some((form) => sameSpn(form, requested)) ? heldForms : [requested, ...heldForms];
  const identity = pool.identity;
  const auth = app.windowsAuth?.settings;
  const location = app.site && app.application ? appcmdLocation(app.site.name, app.application.path) : '';
  return {
    remedy: 'domain.farm-identity',
    title: `Run pool ${pool.name} on every node as one domain account that holds ${requested} (script for administrators)`,
    params: {
      spns: spns.join(' '),
      fromAccountDn: holder.dn,
      pool: pool.name,
      previousIdentityType: identity.type,
      previousUserName: identity.type === 'SpecificUser' ? identity.userName : '',
      location: auth && auth.useKernelMode && !auth.useAppPoolCredentials ? location : '',
      why: `every node behind ${app.host} must decrypt with the one account that holds ${requested}`,
    },
    available: false,
    unavailableReason: handoffOnlyRemedies['domain.farm-identity'] ?? '',
  };
}

export function walkDecryptionChain(
  app: IisApplicationFacts,
  spn: SpnRegistrationFacts | null,
): DecryptionVerdict {
  const unreadable = [...app.unreadable, ...(spn?.unreadable ?? [])];
  const links: string[] = [];
  if (!app.iisReadable) return incomplete(links, unreadable, `IIS on ${app.machine.computerName}`);
  if (!app.site || !app.application) {
    return incomplete(
      links,
      unreadable,
      `no IIS site on ${app.machine.computerName} answers ${app.host}:${app.port}`,
    );
  }
  const location = appcmdLocation(app.site.name, app.application.path);
  const auth = app.windowsAuth?.settings;
  if (!auth) return incomplete(links, unreadable, `Windows authentication of ${location}`);

  // Link 0: IIS offers Windows authentication at all (§4.1).
  if (!auth.enabled || app.anonymousAuth?.settings.enabled === true) {
    const anonymousToo = auth.enabled && app.anonymousAuth?.settings.enabled === true;
    const link = anonymousToo
      ? `anonymous access is on for ${location} ✗`
      : `Windows authentication is off for ${location} ✗`;
    return verdict(
      [link],
      {
        cause: 'windows-auth-disabled',
        confidence: 'confirmed',
        link,
        explanation: anonymousToo
          ? `IIS lets anonymous requests into ${location}, so the browser is never asked to sign in and the site does not know who you are.`
          : `Windows authentication is turned off for ${location}, so IIS never offers Negotiate or NTLM: the browser cannot sign you in and IIS answers 401.2.`,
        remedies: [
          {
            remedy: 'iis.enable-windows-auth',
            title: `Turn on Windows authentication for ${location}${anonymousToo || app.anonymousAuth?.settings.enabled ? ' and turn off anonymous' : ''}`,
            params: { location },
          },
        ],
      },
      true,
      unreadable,
    );
  }

  // Link 1: the providers let Kerberos through (§4.1).
  const providers = auth.providers.map((provider) => provider.toLowerCase());
  const negotiateAt = providers.findIndex(
    (provider) => provider === 'negotiate' || provider === 'negotiate:kerberos',
  );
  const ntlmAt = providers.indexOf('ntlm');
  const nego2WithKernel = providers.includes('negotiate:kerberos') && auth.useKernelMode;
  if (negotiateAt < 0 || (ntlmAt >= 0 && ntlmAt < negotiateAt) || nego2WithKernel) {
    const listed = auth.providers.length > 0 ? auth.providers.join(', ') : 'none';
    const link = `providers ${listed} ✗`;
    const why =
      negotiateAt < 0
        ? ntlmAt >= 0
          ? 'Negotiate is not in the list, so browsers can only use NTLM and Kerberos is never tried'
          : 'no provider is listed, so IIS offers no Windows sign-in at all'
        : nego2WithKernel
          ? 'Negotiate:Kerberos cannot be used while kernel-mode authentication is on (TechNet cc771945)'
          : 'NTLM is listed before Negotiate, so browsers are offered NTLM first and Kerberos is not used';
    return verdict(
      [link],
      {
        cause: 'providers-misconfigured',
        confidence: 'confirmed',
        link,
        explanation: `The Windows authentication providers of ${location} are ${listed}: ${why}. The usual setting is Negotiate, then NTLM.`,
        remedies: [
          {
            remedy: 'iis.set-providers',
            title: `Set the providers of ${location} to Negotiate, NTLM`,
            params: { location },
          },
        ],
      },
      true,
      unreadable,
    );
  }

  // Link 2: the SPN browsers ask for (§2.4, §7.3).
  if (!spn) return incomplete(links, unreadable, `the SPN browsers ask for ${app.host}`);
  const requested = spn.forms.requested;
  if (requested === null) {
    links.push(`Browsers use NTLM for the address ${app.host} (no SPN for an IP address)`);
    return verdict(links, null, true, unreadable);
  }
  links.push(`Browsers ask for ${requested}`);
  const requestedForm = formWithRole(spn, 'requested');
  const explicitOwners = requestedForm?.httpOwners ?? null;
  if (explicitOwners === null) return incomplete(links, unreadable, `who holds ${requested}`);

  const decrypting = app.decrypting;
  const poolName = app.pool?.name ?? app.application.appPoolName ?? '(unknown pool)';
  // No pool identity read (pool not listed, appcmd output unreadable): which account decrypts
  // is unknown, and a registered HOST/ may or may not serve the site — stop, do not guess.
  if (decrypting === null) return incomplete(links, unreadable, `the identity of pool ${poolName}`);
  const poolRuns = `pool ${poolName} runs as ${decrypting?.poolAccount?.display ?? 'an account not in the domain'}`;
  const modeLink = `kernel mode ${auth.useKernelMode ? 'on' : 'off'}, useAppPoolCredentials ${auth.useAppPoolCredentials}`;
  const target = decrypting?.account ?? null;
  const targetForRegistration = target ?? decrypting?.poolAccount ?? null;
  // Without an explicit HTTP/ holder the KDC maps HTTP/ onto HOST/ (§3.1): that serves the site
  // only when the computer account itself decrypts. A HOST/ holder otherwise means "no HTTP/ SPN".
  const viaHost =
    explicitOwners.length === 0 && target?.kind === 'computer'
      ? (requestedForm?.hostOwners ?? []).filter((owner) => isAccount(owner, spn.decryptingAccount))
      : [];
  const owners = explicitOwners.length > 0 ? explicitOwners : viaHost;
  const explicit = (form: SpnFormOwnership | undefined): readonly SpnOwner[] => form?.httpOwners ?? [];

  // Duplicates: the KDC picks one key at random → KRB_AP_ERR_MODIFIED, KDC event 11 (§3.1, §6.2).
  const duplicateGroup = (spn.duplicates ?? []).find((group) => sameSpn(group.spn, requested));
  if (owners.length > 1 || (duplicateGroup && duplicateGroup.accountDns.length > 1)) {
    const dns = owners.length > 1 ? owners.map((owner) => owner.dn) : (duplicateGroup?.accountDns ?? []);
    const names = owners.length > 1 ? owners.map((owner) => ownerName(owner, spn, app.machine)) : dns;
    const link = `registered on ${dns.length} accounts (${names.join(', ')}) ✗`;
    // The person picks which account keeps it: one removal per holder, none chosen for them.
    // The account that decrypts is the recommendation, said on every offer; its own removal comes last.
    const decrypts = (dn: string): boolean =>
      Boolean(spn.decryptingAccount?.dn && sameDistinguishedName(dn, spn.decryptingAccount.dn));
    const keeper = target?.display ?? null;
    const nameOf = (dn: string): string => names[dns.indexOf(dn)] ?? dn;
    const removals = [...dns.filter((dn) => !decrypts(dn)), ...dns.filter(decrypts)].map((dn) => ({
      remedy: 'domain.remove-spn' as const,
      title:
        `Remove ${requested} from ${nameOf(dn)}` +
        (keeper === null
          ? ''
          : decrypts(dn)
            ? ` (not recommended: ${keeper} decrypts tickets for this site)`
            : ` (recommended: ${keeper} decrypts tickets for this site and keeps it)`),
      params: {
        spn: requested,
        accountDn: dn,
        why: `${requested} must belong to one account only; you chose to remove it from ${dn}`,
      },
    }));
    return verdict(
      [...links, link],
      {
        cause: 'spn-duplicate',
        confidence: 'confirmed',
        link,
        explanation:
          `${requested} is registered on ${dns.length} accounts: ${names.join('; ')}. An SPN must belong to exactly one account; ` +
          `the domain controller then issues tickets for whichever it finds, so sign-in fails intermittently (KRB_AP_ERR_MODIFIED, KDC event 11). ` +
          `You choose which account keeps it: each removal below is its own fix, and none is made for you. ` +
          (keeper
            ? `Recommended: keep it on ${keeper}, the account that decrypts tickets for this site, and remove it from the others.`
            : 'Keep it on the account the site runs as, and remove it from the others.'),
        remedies: removals,
      },
      true,
      unreadable,
    );
  }

  if (owners.length === 0) {
    const aliasForm = formWithRole(spn, 'alias');
    const aliasOwners = explicit(aliasForm);
    const otherPort = formWithRole(spn, 'other-port');
    const otherPortOwners = explicit(otherPort);
    const companionRole = requestedForm?.roles.includes('fqdn') ? 'netbios' : 'fqdn';
    const companion = formWithRole(spn, companionRole);
    const companionOwners = companion && !sameSpn(companion.spn, requested) ? explicit(companion) : [];
    // No account holds the HTTP/ form itself. If a computer holds HOST/<same host>, the KDC maps
    // HTTP/ onto it (reference §3.1) and issues a ticket encrypted for that computer: the browser
    // gets a ticket, and the failure is at decryption (KRB_AP_ERR_MODIFIED), not "no ticket".
    const hostHolder = requestedForm?.hostOwners?.[0] ?? null;
    const hostSpn = `HOST/${spn.forms.spnHost}`;
    const decryptor = target?.display ?? decrypting.poolAccount?.display ?? `the account of pool ${poolName}`;
    const hostHolderName = hostHolder ? ownerName(hostHolder, spn, app.machine) : null;
    const brokenLinks = hostHolderName
      ? [`served by ${hostSpn} on ${hostHolderName}`, `but ${decryptor} decrypts ✗`]
      : [`${requested} is registered on no account ✗`];
    const link = brokenLinks.at(-1) as string;
    const outcome = hostHolderName
      ? `No account holds ${requested} itself, so the domain controller uses ${hostSpn}, which ${hostHolderName} holds (HOST/ covers HTTP/, reference §3.1), ` +
        `and issues a Kerberos ticket encrypted for ${hostHolderName}. Tickets for this site are decrypted by ${decryptor} ` +
        `(${decrypting.because}), which cannot read it: KRB_AP_ERR_MODIFIED, and the browser prompts or gets 401.1.`
      : null;
    const forms = [spn.forms.fqdnForm, spn.forms.netbiosForm].filter((form): form is string => form !== null);
    const register = targetForRegistration
      ? registerDrafts(
          spn,
          forms.includes(requested) ? forms : [requested, ...forms],
          targetForRegistration,
          `browsers ask for ${requested}`,
        )
      : [];
    const registerOn = targetForRegistration?.display ?? 'the account that runs the site';
    if (aliasForm && aliasOwners.length > 0) {
      return verdict(
        [...links, ...brokenLinks],
        {
          cause: 'cname-alias-spn',
          confidence: 'confirmed',
          link,
          explanation:
            `${app.host} is a DNS alias (CNAME) of ${spn.forms.spnHost}. Browsers resolve the alias and ask for ${requested}, ` +
            `but only ${aliasForm.spn} is registered (on ${aliasOwners.map((owner) => ownerName(owner, spn, app.machine)).join(', ')}). ` +
            (outcome ? `${outcome} ` : '') +
            `Register ${requested} on ${registerOn}, or make ${app.host} an A record.`,
          remedies: targetForRegistration
            ? registerDrafts(
                spn,
                [requested],
                targetForRegistration,
                `${app.host} is a CNAME of ${spn.forms.spnHost}`,
              )
            : [],
        },
        true,
        unreadable,
      );
    }
    if (otherPort && otherPortOwners.length > 0) {
      return verdict(
        [...links, ...brokenLinks],
        {
          cause: 'port-in-spn',
          confidence: 'confirmed',
          link,
          explanation:
            `Browsers ask for ${requested}, but the SPN is registered as ${otherPort.spn}. Browsers ${requested.includes(':') ? 'here include' : 'leave out'} the port ` +
            `unless a policy changes it (EnableAuthNegotiatePort, FEATURE_INCLUDE_PORT_IN_SPN), so the registered form is never used. ` +
            (outcome ??
              `No account holds ${requested}, so the domain controller cannot issue a ticket for it.`) +
            ` Register ${requested} on ${registerOn}.`,
          remedies: targetForRegistration
            ? registerDrafts(
                spn,
                [requested],
                targetForRegistration,
                `browsers ask for ${requested}, not ${otherPort.spn}`,
              )
            : [],
        },
        true,
        unreadable,
      );
    }
    if (companion && companionOwners.length > 0) {
      return verdict(
        [...links, ...brokenLinks],
        {
          cause: 'spn-netbios-missing',
          confidence: 'confirmed',
          link,
          explanation:
            `Only ${companion.spn} is registered (on ${companionOwners.map((owner) => ownerName(owner, spn, app.machine)).join(', ')}); ${requested} is not. ` +
            `People who type the ${companionRole === 'fqdn' ? 'short' : 'full'} name — and Internet Explorer when it switches names mid-session — ask for ${requested}. ` +
            (outcome ??
              `No account holds it, so the domain controller issues no ticket and the browser falls back to NTLM or prompts.`) +
            ` Register ${requested} on ${registerOn}.`,
          remedies: targetForRegistration
            ? registerDrafts(
                spn,
                [requested],
                targetForRegistration,
                `the ${companionRole === 'fqdn' ? 'NetBIOS' : 'FQDN'} form is missing`,
              )
            : [],
        },
        true,
        unreadable,
      );
    }
    return verdict(
      [...links, ...brokenLinks],
      {
        cause: 'spn-missing',
        confidence: 'confirmed',
        link,
        explanation:
          (outcome ??
            `No account in the domain holds ${requested}, so the domain controller cannot issue a Kerberos ticket for ${app.host}: ` +
              `browsers fall back to NTLM or ask for a password three times and get 401.1.`) +
          (targetForRegistration
            ? ` ${requested} belongs on ${targetForRegistration.display}, the account that ${target ? 'decrypts tickets for this site' : 'runs the pool'}.`
            : ''),
        remedies: register,
      },
      true,
      unreadable,
    );
  }

  const owner = owners[0] as SpnOwner;
  const ownerDisplay = ownerName(owner, spn, app.machine);
  if (!target) {
    const link = `${poolRuns}, which has no account in the domain ✗`;
    return verdict(
      [...links, `registered on ${ownerDisplay}`, link],
      {
        cause: 'spn-wrong-account',
        confidence: 'confirmed',
        link,
        explanation: `${requested} is registered on ${ownerDisplay}, but pool ${poolName} runs as an account the domain does not know, so nothing on this server can decrypt a Kerberos ticket. Run the pool as ${ownerDisplay} (or a domain account holding the SPN).`,
        remedies: [],
      },
      true,
      unreadable,
    );
  }

  if (!isAccount(owner, spn.decryptingAccount)) {
    links.push(`registered on ${ownerDisplay}`);
    const poolOwns = isAccount(owner, spn.poolAccount);
    if (poolOwns && auth.useKernelMode && !auth.useAppPoolCredentials) {
      const link = `${modeLink}: http.sys decrypts with ${target.display} ✗`;
      return verdict(
        [...links, poolRuns, link],
        {
          cause: 'kernel-mode-no-apppool-creds',
          confidence: 'confirmed',
          link,
          explanation:
            `${requested} is registered on the pool account ${ownerDisplay}, which is right, but kernel-mode authentication decrypts tickets with the computer account ` +
            `${target.display} unless useAppPoolCredentials is true. The ticket is encrypted for ${ownerDisplay}, so decryption fails (KRB_AP_ERR_MODIFIED, 401.1).`,
          remedies: [
            {
              remedy: 'iis.use-apppool-credentials',
              title: `Set useAppPoolCredentials to true for ${location}`,
              params: { location },
            },
          ],
        },
        true,
        unreadable,
      );
    }
    const aliasForm = formWithRole(spn, 'alias');
    if (aliasForm && explicit(aliasForm).some((holder) => isAccount(holder, spn.decryptingAccount))) {
      const link = `but ${target.display} decrypts (it holds only the alias ${aliasForm.spn}) ✗`;
      return verdict(
        [...links, link],
        {
          cause: 'cname-alias-spn',
          confidence: 'confirmed',
          link,
          explanation:
            `${app.host} is a DNS alias (CNAME) of ${spn.forms.spnHost}. Browsers resolve the alias and ask for ${requested}, which belongs to ${ownerDisplay}; ` +
            `${target.display}, which decrypts tickets for this site, holds only ${aliasForm.spn}. Register ${requested} on ${target.display} (if nothing else on ` +
            `${spn.forms.spnHost} needs it), or make ${app.host} an A record.`,
          remedies: [],
        },
        true,
        unreadable,
      );
    }
    const thisComputer = target.kind === 'computer' ? target : null;
    if (owner.isComputer && thisComputer && !isThisComputer(owner, app.machine.computerName)) {
      const link = `but ${poolRuns} on ${app.machine.computerName} (decrypts with ${target.display}) ✗`;
      return verdict(
        [...links, link],
        {
          cause: 'farm-shared-name',
          confidence: 'likely',
          link,
          explanation:
            `${requested} belongs to another computer, ${ownerDisplay}, while this server (${app.machine.computerName}) decrypts with its own computer account. ` +
            `When several servers share one name behind a load balancer, every node must decrypt with one domain account that holds the SPN. ` +
            `On this node that means: pool ${poolName} runs as that account with useAppPoolCredentials true. ` +
            `Check the same on every other node: \`appcmd list apppool /xml /config\` and \`appcmd list config "${location}" -section:system.webServer/security/authentication/windowsAuthentication /config:*\`, ` +
            `and ask for client-connection affinity on the load balancer so NTLM legs stay on one node (401 1 2148074248 in the logs). ` +
            `The account is for an administrator to choose and its password for them to type, so the change is a script that asks for both.`,
          remedies: app.pool ? [farmIdentityDraft(spn, owner, app, app.pool, requested)] : [],
        },
        true,
        unreadable,
      );
    }
    const link = `but ${target.display} decrypts (${decrypting?.because ?? 'pool identity'}) ✗`;
    return verdict(
      [...links, poolRuns, link],
      {
        cause: 'spn-wrong-account',
        confidence: 'confirmed',
        link,
        explanation:
          `${requested} is registered on ${ownerDisplay}, but tickets for this site are decrypted by ${target.display} (${decrypting?.because ?? ''}). ` +
          `The domain controller encrypts the ticket for ${ownerDisplay}, so IIS cannot read it: KRB_AP_ERR_MODIFIED, 401.1. ` +
          `Move the SPN to ${target.display}, or run the pool as ${ownerDisplay}.`,
        remedies: [
          ...registerDrafts(spn, [requested], target, `${target.display} decrypts tickets for this site`).map(
            (draft) => ({
              ...draft,
              title: `Move ${requested} from ${ownerDisplay} to ${target.display}`,
              params: { ...draft.params, fromAccountDn: owner.dn },
            }),
          ),
        ],
      },
      true,
      unreadable,
    );
  }

  links.push(`registered on ${target.display}`, poolRuns, modeLink);
  // The companion form (FQDN ↔ NetBIOS) on a user account (computers have both through HOST/).
  if (target.kind !== 'computer') {
    const missing = [formWithRole(spn, 'fqdn'), formWithRole(spn, 'netbios')].find(
      (form) =>
        form &&
        !sameSpn(form.spn, requested) &&
        form.httpOwners !== null &&
        !explicit(form).some((owner) => isAccount(owner, spn.decryptingAccount)),
    );
    if (missing) {
      const link = `${missing.spn} is not registered ✗`;
      return verdict(
        [...links, link],
        {
          cause: 'spn-netbios-missing',
          confidence: 'likely',
          link,
          explanation:
            `${requested} is correctly on ${target.display}, but ${missing.spn} is not registered. It works with the name people type now; ` +
            `with the other name — or when Internet Explorer switches to it after its DNS cache expires (about 30 minutes) — the browser prompts.`,
          remedies: registerDrafts(
            spn,
            [missing.spn],
            target,
            'both the FQDN and the NetBIOS form should be registered',
          ),
        },
        true,
        unreadable,
      );
    }
  }
  links.push('Kerberos can be decrypted ✓');
  return verdict(links, null, true, unreadable);
}
