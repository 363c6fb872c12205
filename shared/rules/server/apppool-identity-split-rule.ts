/**
 * apppool-identity-split (causes.md; reference §4.4): applications under one host name run
 * in pools that decrypt with different domain accounts. One SPN can belong to only one
 * account (§3.1), so Kerberos works for the applications of that account and fails for
 * the others.
 *
 * The fix causes.md gives — one identity for all pools of that host name — is offered per pool
 * that differs: the account that holds the SPN browsers ask for (or else the one domain account
 * among them) is the one to keep. A pool that already runs as that account but decrypts with the
 * computer (kernel mode without useAppPoolCredentials) needs only useAppPoolCredentials, which
 * IWA Doctor applies; a pool that runs as another identity needs that account's password, which
 * IWA Doctor never handles, so that change is an IIS hand-off script (shared/handoff).
 */
import { getCause } from '../../causes/cause-catalog.js';
import { handoffOnlyRemedies } from '../../handoff/handoff-offers.js';
import type { AppPoolIdentity } from '../../iis/iis-configuration.js';
import { evidenceOfKind } from '../../model/evidence.js';
import type { RuledOut } from '../../model/finding.js';
import { parseDistinguishedName } from '../../spn/distinguished-name.js';
import type { FindingDraft, Rule } from '../rule.js';
import type {
  IisApplicationFacts,
  SiteApplicationIdentity,
  SpnRegistrationFacts,
} from './server-evidence.js';
import { appcmdLocation, proposeServerRemedies, type ServerRemedyDraft } from './server-remedies.js';

const samOf = (display: string): string => display.slice(display.lastIndexOf('\\') + 1).toLowerCase();

/** Common names of the accounts holding the SPN browsers ask for (setspn -Q, §3.2). */
function holderNames(spn: SpnRegistrationFacts | null): string[] {
  const requested = spn?.ownership.find((form) => form.roles.includes('requested'));
  return (requested?.httpOwners ?? []).flatMap((owner) => {
    try {
      return [parseDistinguishedName(owner.dn).commonName.toLowerCase()];
    } catch {
      return [];
    }
  });
}

/**
 * The account every pool should run as: the SPN's holder among them, else — when nobody holds
 * the SPN — the only domain user account. When a computer holds it (no pool runs as a computer
 * account with a password) or a user none of these pools runs as, moving the pools to the only
 * user account would leave every application unable to decrypt (§4.4): none is recommended.
 */
function keeperOf(accounts: readonly string[], spn: SpnRegistrationFacts | null): string | null {
  const holders = holderNames(spn);
  const holding = accounts.find((account) => holders.includes(samOf(account)));
  if (holding) return holding;
  if (holders.length > 0) return null;
  const users = accounts.filter((account) => !account.endsWith('$'));
  return users.length === 1 ? (users[0] ?? null) : null;
}

function identityWords(identity: AppPoolIdentity | null | undefined): string {
  if (!identity) return 'an identity that could not be read';
  return identity.type === 'SpecificUser' ? identity.userName : identity.type;
}

function remediesFor(
  facts: IisApplicationFacts,
  keeper: string,
  applications: readonly SiteApplicationIdentity[],
): ServerRemedyDraft[] {
  const site = facts.site?.name ?? '';
  // How pools already running as the keeper write it (DOMAIN\name or a UPN), for appcmd.
  const keeperUserName =
    applications.flatMap((item) =>
      item.poolIdentity?.type === 'SpecificUser' &&
      item.decryptingAccount?.toLowerCase() === keeper.toLowerCase()
        ? [item.poolIdentity.userName]
        : [],
    )[0] ?? keeper;
  const drafts: ServerRemedyDraft[] = [];
  const pools = new Set<string>();
  for (const item of applications) {
    if (item.decryptingAccount === null || item.decryptingAccount.toLowerCase() === keeper.toLowerCase())
      continue;
    const location = appcmdLocation(site, item.path);
    const identity = item.poolIdentity ?? null;
    const runsAsKeeper =
      identity?.type === 'SpecificUser' && samOf(identity.userName.replace(/@.*$/, '')) === samOf(keeper);
    if (runsAsKeeper && item.kernelModeWithoutAppPoolCredentials) {
      drafts.push({
        remedy: 'iis.use-apppool-credentials',
        title: `Set useAppPoolCredentials to true for ${location}`,
        params: { location },
      });
      continue;
    }
    if (!item.appPoolName || !identity || pools.has(item.appPoolName.toLowerCase())) continue;
    pools.add(item.appPoolName.toLowerCase());
    drafts.push({
      remedy: 'iis.set-pool-identity',
      title: `Run pool ${item.appPoolName} as ${keeperUserName} (script for the IIS administrator)`,
      params: {
        pool: item.appPoolName,
        account: keeperUserName,
        previousIdentityType: identity.type,
        previousUserName: identity.type === 'SpecificUser' ? identity.userName : '',
        // After the change kernel mode must decrypt with the pool's account too (§4.1).
        location: item.kernelModeWithoutAppPoolCredentials !== false ? location : '',
        why: `${location} must decrypt with ${keeper}, which holds the SPN, like the other applications of ${site}`,
      },
      available: false,
      unavailableReason: handoffOnlyRemedies['iis.set-pool-identity'] ?? '',
    });
  }
  return drafts;
}

export const apppoolIdentitySplitRule: Rule = ({ evidence }) => {
  const findings: FindingDraft[] = [];
  const ruledOut: RuledOut[] = [];
  const spn = evidenceOfKind(evidence, 'spn-registrations')[0] ?? null;
  for (const app of evidenceOfKind(evidence, 'iis-application')) {
    const { site, siteApplications } = app.facts;
    if (!site || siteApplications.length === 0) continue;
    const byAccount = new Map<string, { display: string; apps: string[] }>();
    for (const item of siteApplications) {
      if (item.decryptingAccount === null) continue;
      const key = item.decryptingAccount.toLowerCase();
      const entry = byAccount.get(key) ?? { display: item.decryptingAccount, apps: [] };
      entry.apps.push(
        `${item.path} (pool ${item.appPoolName ?? '?'} as ${identityWords(item.poolIdentity)}, decrypts with ${item.decryptingAccount})`,
      );
      byAccount.set(key, entry);
    }
    if (byAccount.size <= 1) {
      ruledOut.push({
        cause: 'apppool-identity-split',
        summary: `Every application of ${site.name} decrypts Kerberos tickets with the same account${byAccount.size === 1 ? ` (${siteApplications.find((item) => item.decryptingAccount)?.decryptingAccount ?? ''})` : ''}.`,
        evidence: [app.id],
      });
      continue;
    }
    const groups = [...byAccount.values()].map((entry) => entry.apps.join(', '));
    const keeper = keeperOf(
      [...byAccount.values()].map((entry) => entry.display),
      spn?.facts ?? null,
    );
    findings.push({
      cause: 'apppool-identity-split',
      confidence: 'confirmed',
      title: getCause('apppool-identity-split').title,
      explanation:
        `The applications of ${site.name} (host ${app.facts.host}) decrypt Kerberos tickets with ${byAccount.size} different accounts: ${groups.join('; ')}. ` +
        `Browsers ask for one SPN, HTTP/${app.facts.host}, which can belong to only one account, so Kerberos works for the applications of that account and fails for the others. ` +
        (keeper
          ? `Run every pool of this host name as ${keeper}${holderNames(spn?.facts ?? null).includes(samOf(keeper)) ? ', which holds the SPN,' : ''} with useAppPoolCredentials true — ` +
            `a pool that runs as another identity needs ${keeper}'s password, which IWA Doctor never handles, so that change is a script the IIS administrator runs — ` +
            `or give the other applications their own host name.`
          : `Run all pools of this host name under one domain account (with useAppPoolCredentials true), or give the other applications their own host name.`),
      evidence: spn ? [app.id, spn.id] : [app.id],
      browsers: 'every browser that uses Kerberos with this site',
      remedies: keeper ? proposeServerRemedies(remediesFor(app.facts, keeper, siteApplications)) : [],
    });
  }
  return { findings, ruledOut };
};
