/**
 * stored-credentials (causes.md; reference §7.6): Credential Manager holds a
 * `Domain:target=<host>` ("Domain Password") entry for the web server, so Windows signs in to
 * it with that stored account instead of the logged-on user [U in the reference: well known,
 * no Microsoft text]. Fix: remove the entry (`cmdkey /delete:<target>`); its password cannot be
 * restored by undo — the offer says so.
 */
import { getCause } from '../../causes/cause-catalog.js';
import { windowsWideApplicability } from '../../browsers/browser-applicability.js';
import { evidenceOfKind } from '../../model/evidence.js';
import type { RuledOut } from '../../model/finding.js';
import type { FindingDraft, Rule } from '../rule.js';
import { proposeWorkstationRemedies } from './workstation-remedies.js';
import './workstation-evidence.js';

export const storedCredentialsRule: Rule = ({ evidence }) => {
  const findings: FindingDraft[] = [];
  const ruledOut: RuledOut[] = [];
  for (const item of evidenceOfKind(evidence, 'stored-credentials')) {
    const { forHost, host } = item.facts;
    if (forHost.length === 0) {
      ruledOut.push({
        cause: 'stored-credentials',
        summary: `Credential Manager holds no Windows credential for ${host}.`,
        evidence: [item.id],
      });
      continue;
    }
    const listed = forHost
      .map((credential) => `${credential.target} (user ${credential.user ?? 'not shown'})`)
      .join(', ');
    findings.push({
      cause: 'stored-credentials',
      confidence: 'likely',
      title: getCause('stored-credentials').title,
      explanation:
        `Windows Credential Manager has a saved sign-in for ${host}: ${listed}. Windows uses that saved account for this server instead of the account ` +
        `you are signed in with, so the site sees the wrong user or asks again. Removing the saved entry makes Windows use your own account. ` +
        `The saved password cannot be put back by Undo; you would have to type it again.`,
      evidence: [item.id],
      browsers: windowsWideApplicability,
      remedies: proposeWorkstationRemedies(
        forHost.map((credential) => ({
          remedy: 'credentials.remove' as const,
          title: `Remove the saved sign-in ${credential.target}`,
          params: { target: credential.targetName },
        })),
      ),
    });
  }
  return { findings, ruledOut };
};
