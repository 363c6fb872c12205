/**
 * etype-mismatch (causes.md; reference §6.2, §8.5): only where the evidence exists — a
 * Kerberos event with KDC_ERR_ETYPE_NOSUPP (error 14), or KDC events 14/16/27 (etype), for
 * the SPN browsers ask for or the account that decrypts. Without such an event this rule
 * says nothing (the account's keys cannot be read with the tools the app may run). The fix —
 * AES on the account and a new password — is a domain administrator's script (shared/handoff).
 */
import { getCause } from '../../causes/cause-catalog.js';
import { evidenceOfKind } from '../../model/evidence.js';
import { handoffOnlyRemedies } from '../../handoff/handoff-offers.js';
import type { FindingDraft, Rule } from '../rule.js';
import type { IisApplicationFacts, SpnRegistrationFacts } from './server-evidence.js';
import { proposeServerRemedies, type ServerRemedyDraft } from './server-remedies.js';

const kdcEtypeEvents = new Set([14, 16, 27]);

const samOf = (name: string): string =>
  name
    .slice(name.lastIndexOf('\\') + 1)
    .replace(/@.*$/, '')
    .toLowerCase();

/**
 * The fix causes.md gives — AES on the account, then a new password so its AES keys exist —
 * for a domain administrator (a script: the password is theirs), with the password update of
 * every pool on this server that runs as that account.
 */
function enableAesDrafts(
  spn: SpnRegistrationFacts | null,
  iis: IisApplicationFacts | null,
): ServerRemedyDraft[] {
  const account = spn?.decryptingAccount;
  if (!account?.dn || account.account.kind === 'local' || account.account.kind === 'unknown') return [];
  const sam = account.account.samAccountName.toLowerCase();
  const pools = new Set<string>();
  if (iis?.pool?.identity.type === 'SpecificUser' && samOf(iis.pool.identity.userName) === sam)
    pools.add(iis.pool.name);
  for (const item of iis?.siteApplications ?? [])
    if (
      item.appPoolName &&
      item.poolIdentity?.type === 'SpecificUser' &&
      samOf(item.poolIdentity.userName) === sam
    )
      pools.add(item.appPoolName);
  return [
    {
      remedy: 'domain.enable-aes',
      title: `Turn on AES for ${account.account.display} and give it a new password (script for a domain administrator)`,
      params: {
        account: account.account.display,
        accountDn: account.dn,
        computer: account.account.kind === 'computer',
        pools: JSON.stringify([...pools]),
        why: `${account.account.display} decrypts tickets for this site and has no key for the encryption type the ticket uses`,
      },
      available: false,
      unavailableReason: handoffOnlyRemedies['domain.enable-aes'] ?? '',
    },
  ];
}

export const etypeMismatchRule: Rule = ({ evidence }) => {
  const findings: FindingDraft[] = [];
  const spn = evidenceOfKind(evidence, 'spn-registrations')[0] ?? null;
  const iis = evidenceOfKind(evidence, 'iis-application')[0]?.facts ?? null;
  const names = [spn?.facts.forms.requested, spn?.facts.decryptingAccount?.account.samAccountName]
    .filter((name): name is string => Boolean(name))
    .map((name) => name.toLowerCase());
  for (const item of evidenceOfKind(evidence, 'kerberos-events')) {
    const relevant = item.facts.events.filter((event) => {
      const etype =
        event.errorCode === 14 ||
        (/Key-Distribution-Center/i.test(event.source) && kdcEtypeEvents.has(event.id));
      const text = `${event.name ?? ''} ${event.message}`.toLowerCase();
      return etype && (names.length === 0 || names.some((name) => text.includes(name)));
    });
    const first = relevant[0];
    if (!first) continue;
    findings.push({
      cause: 'etype-mismatch',
      confidence: 'likely',
      title: getCause('etype-mismatch').title,
      explanation:
        `The ${first.log} log has ${relevant.length === 1 ? 'an event' : `${relevant.length} events`} (${first.source} ${first.id}${first.errorCode !== null ? `, error 0x${first.errorCode.toString(16)}` : ''}) ` +
        `saying the encryption type of the ticket is one the account has no key for${first.name ? ` (${first.name})` : ''}. ` +
        `This happens after RC4 is turned off while the service account has no AES keys: enable AES on the account ` +
        `(msDS-SupportedEncryptionTypes) and reset its password so the AES keys are created, then update the pool's password.`,
      evidence: [item.id, ...(spn ? [spn.id] : [])],
      browsers: 'every browser that uses Kerberos with this site',
      remedies: proposeServerRemedies(enableAesDrafts(spn?.facts ?? null, iis)),
    });
  }
  return { findings, ruledOut: [] };
};
