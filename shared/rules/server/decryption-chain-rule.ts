/**
 * Rule over the verdict chain: the first broken link becomes the finding (one of
 * windows-auth-disabled, providers-misconfigured, spn-missing, spn-netbios-missing,
 * spn-duplicate, spn-wrong-account, kernel-mode-no-apppool-creds, farm-shared-name,
 * cname-alias-spn, port-in-spn); an intact chain rules them all out with the verdict line.
 */
import { getCause, type CauseId } from '../../causes/cause-catalog.js';
import { evidenceOfKind } from '../../model/evidence.js';
import type { RuledOut } from '../../model/finding.js';
import type { FindingDraft, Rule } from '../rule.js';
import { walkDecryptionChain } from './decryption-chain.js';
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
  const spnEvidence = evidenceOfKind(evidence, 'spn-registrations')[0] ?? null;
  for (const app of evidenceOfKind(evidence, 'iis-application')) {
    const result = walkDecryptionChain(app.facts, spnEvidence?.facts ?? null);
    const ids = [app.id, ...(spnEvidence ? [spnEvidence.id] : [])];
    if (result.broken) {
      findings.push({
        cause: result.broken.cause,
        confidence: result.broken.confidence,
        title: getCause(result.broken.cause).title,
        explanation: `${result.broken.explanation}\n\nVerdict: ${result.line}`,
        evidence: ids,
        browsers: 'every browser that uses Windows sign-in (Kerberos) with this site',
        remedies: proposeServerRemedies(result.broken.remedies),
      });
    } else if (result.complete) {
      for (const cause of chainCauses) ruledOut.push({ cause, summary: result.line, evidence: ids });
    }
  }
  return { findings, ruledOut };
};
