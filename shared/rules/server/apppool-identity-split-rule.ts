/**
 * apppool-identity-split (causes.md; reference §4.4): applications under one host name run
 * in pools that decrypt with different domain accounts. One SPN can belong to only one
 * account (§3.1), so Kerberos works for the applications of that account and fails for
 * the others.
 */
import { getCause } from '../../causes/cause-catalog.js';
import { evidenceOfKind } from '../../model/evidence.js';
import type { RuledOut } from '../../model/finding.js';
import type { FindingDraft, Rule } from '../rule.js';
import './server-evidence.js';

export const apppoolIdentitySplitRule: Rule = ({ evidence }) => {
  const findings: FindingDraft[] = [];
  const ruledOut: RuledOut[] = [];
  for (const app of evidenceOfKind(evidence, 'iis-application')) {
    const { site, siteApplications } = app.facts;
    if (!site || siteApplications.length === 0) continue;
    const byAccount = new Map<string, string[]>();
    for (const item of siteApplications) {
      if (item.decryptingAccount === null) continue;
      const key = item.decryptingAccount.toLowerCase();
      byAccount.set(key, [
        ...(byAccount.get(key) ?? []),
        `${item.path} (pool ${item.appPoolName ?? '?'}, ${item.decryptingAccount})`,
      ]);
    }
    if (byAccount.size <= 1) {
      ruledOut.push({
        cause: 'apppool-identity-split',
        summary: `Every application of ${site.name} decrypts Kerberos tickets with the same account${byAccount.size === 1 ? ` (${siteApplications.find((item) => item.decryptingAccount)?.decryptingAccount ?? ''})` : ''}.`,
        evidence: [app.id],
      });
      continue;
    }
    const groups = [...byAccount.values()].map((apps) => apps.join(', '));
    findings.push({
      cause: 'apppool-identity-split',
      confidence: 'confirmed',
      title: getCause('apppool-identity-split').title,
      explanation:
        `The applications of ${site.name} (host ${app.facts.host}) decrypt Kerberos tickets with ${byAccount.size} different accounts: ${groups.join('; ')}. ` +
        `Browsers ask for one SPN, HTTP/${app.facts.host}, which can belong to only one account, so Kerberos works for the applications of that account and fails for the others. ` +
        `Run all pools of this host name under one domain account (with useAppPoolCredentials true), or give the other applications their own host name.`,
      evidence: [app.id],
      browsers: 'every browser that uses Kerberos with this site',
      remedies: [],
    });
  }
  return { findings, ruledOut };
};
