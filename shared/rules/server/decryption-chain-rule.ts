/**
 * Rule over the verdict chain: the first broken link becomes the finding (one of
 * windows-auth-disabled, providers-misconfigured, spn-missing, spn-netbios-missing,
 * spn-duplicate, spn-wrong-account, kernel-mode-no-apppool-creds, farm-shared-name,
 * cname-alias-spn, port-in-spn); an intact chain rules them all out, each with the link that
 * proves it, and the verdict line once.
 *
 * When the applications of one site decrypt with different accounts, a "wrong account" for
 * this application is that split (apppool-identity-split-rule.ts names it): the SPN can serve
 * only one of them, so this rule says so instead of asking to move the SPN away from the
 * others.
 */
import { getCause, type CauseId } from '../../causes/cause-catalog.js';
import { evidenceOfKind } from '../../model/evidence.js';
import type { RuledOut } from '../../model/finding.js';
import type { Verdict } from '../../model/verdict.js';
import type { FindingDraft, Rule } from '../rule.js';
import { walkDecryptionChain } from './decryption-chain.js';
import { ruledOutByIntactChain } from './decryption-chain-ruled-out.js';
import { corroboratingEvents, describeCorroboratingEvents } from './corroborating-events.js';
import { proposeServerRemedies } from './server-remedies.js';
import './server-evidence.js';

export const chainCauses: readonly CauseId[] = [
  'windows-auth-disabled',
  'providers-misconfigured',
  'spn-missing',
  'spn-netbios-missing',
  'spn-duplicate',
  'spn-wrong-account',
  'kernel-mode-no-apppool-creds',
  'farm-shared-name',
  'cname-alias-spn',
  'port-in-spn',
];

export const decryptionChainRule: Rule = ({ evidence }) => {
  const findings: FindingDraft[] = [];
  const ruledOut: RuledOut[] = [];
  let verdict: Verdict | undefined;
  const spnEvidence = evidenceOfKind(evidence, 'spn-registrations')[0] ?? null;
  const eventEvidence = evidenceOfKind(evidence, 'kerberos-events')[0] ?? null;
  for (const app of evidenceOfKind(evidence, 'iis-application')) {
    const result = walkDecryptionChain(app.facts, spnEvidence?.facts ?? null);
    const ids = [app.id, ...(spnEvidence ? [spnEvidence.id] : [])];
    const distinctAccounts = new Set(
      app.facts.siteApplications.flatMap((item) =>
        item.decryptingAccount ? [item.decryptingAccount.toLowerCase()] : [],
      ),
    );
    const split = result.broken?.cause === 'spn-wrong-account' && distinctAccounts.size > 1;
    // One address, one chain: the first application's verdict is the diagnosis's (there is one).
    verdict ??= {
      links: result.links.map((link) => link.slice(0, 4000)),
      brokenLink: result.brokenLink,
      cause: result.broken ? (split ? 'apppool-identity-split' : result.broken.cause) : null,
      complete: result.complete,
    };
    if (split) {
      ruledOut.push({
        cause: 'spn-wrong-account',
        summary: `The applications of ${app.facts.site?.name ?? app.facts.host} decrypt with ${distinctAccounts.size} different accounts, so the SPN can serve only one of them (see the application pool identity finding). Verdict: ${result.line}`,
        evidence: ids,
      });
    } else if (result.broken) {
      const events = corroboratingEvents(
        result.broken.cause,
        spnEvidence?.facts.forms.requested ?? null,
        eventEvidence?.facts.events ?? [],
      );
      findings.push({
        cause: result.broken.cause,
        confidence: result.broken.confidence,
        title: getCause(result.broken.cause).title,
        explanation: `${result.broken.explanation}${events.length > 0 ? ` ${describeCorroboratingEvents(events)}` : ''}\n\nVerdict: ${result.line}`,
        evidence: events.length > 0 && eventEvidence ? [...ids, eventEvidence.id] : ids,
        browsers: 'every browser that uses Windows sign-in (Kerberos) with this site',
        remedies: proposeServerRemedies(result.broken.remedies),
      });
    } else if (result.complete) {
      ruledOut.push(...ruledOutByIntactChain(app.facts, spnEvidence?.facts ?? null, result, ids));
    }
  }
  return { findings, ruledOut, ...(verdict && verdict.links.length > 0 ? { verdict } : {}) };
};
