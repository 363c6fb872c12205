/**
 * local-account-ntlm (causes.md, seed S0): the logged-on account is a local account (or the
 * computer is not in a domain), so there is no Kerberos ticket to get: Windows can only offer
 * NTLM with the local name and password, which works "by accident" when the server has a local
 * account with the same name and password, and prompts otherwise. Nothing to change locally.
 */
import { getCause } from '../../causes/cause-catalog.js';
import { windowsWideApplicability } from '../../browsers/browser-applicability.js';
import { evidenceOfKind } from '../../model/evidence.js';
import type { RuledOut } from '../../model/finding.js';
import type { FindingDraft, Rule } from '../rule.js';
import './workstation-evidence.js';

export const localAccountNtlmRule: Rule = ({ evidence }) => {
  const findings: FindingDraft[] = [];
  const ruledOut: RuledOut[] = [];
  for (const item of evidenceOfKind(evidence, 'logon-account')) {
    const { user, machineDomain, computerName } = item.facts;
    const account = `${user.domain}\\${user.name}`;
    if (user.kind === 'domain' && machineDomain !== null) {
      ruledOut.push({
        cause: 'local-account-ntlm',
        summary: `You are signed in with the domain account ${account}.`,
        evidence: [item.id],
      });
      continue;
    }
    const why =
      user.kind === 'local'
        ? `You are signed in to ${computerName} with the local account ${account}, not with a domain account.`
        : `This computer (${computerName}) is not a member of a domain.`;
    findings.push({
      cause: 'local-account-ntlm',
      confidence: 'confirmed',
      title: getCause('local-account-ntlm').title,
      explanation:
        `${why} Kerberos needs a domain account, so Windows can only try NTLM with your local name and password; the web server accepts that only if it ` +
        `happens to have an account with the same name and password, and otherwise asks you to sign in. Sign in to Windows with your domain account ` +
        `(or join this computer to the domain) to get automatic sign-in.`,
      evidence: [item.id],
      browsers: windowsWideApplicability,
      remedies: [],
    });
  }
  return { findings, ruledOut };
};
