/**
 * negotiate-disabled (causes.md, seed S1): `EnableNegotiate` = 0 in HKCU Internet Settings
 * (reference §2.1, KB 299838): WinINet ignores `WWW-Authenticate: Negotiate` and falls back to
 * NTLM, or prompts. Absent = enabled (the default since XP). Fix: set it to 1; restart the browser.
 */
import { getCause } from '../../causes/cause-catalog.js';
import { wininetApplicability } from '../../browsers/browser-applicability.js';
import { evidenceOfKind } from '../../model/evidence.js';
import type { RuledOut } from '../../model/finding.js';
import type { FindingDraft, Rule } from '../rule.js';
import { proposeWorkstationRemedies } from './workstation-remedies.js';
import './workstation-evidence.js';

export const negotiateDisabledRule: Rule = ({ evidence }) => {
  const findings: FindingDraft[] = [];
  const ruledOut: RuledOut[] = [];
  for (const item of evidenceOfKind(evidence, 'wininet-auth-settings')) {
    const setting = item.facts.enableNegotiate;
    if (setting.value !== 0) {
      ruledOut.push({
        cause: 'negotiate-disabled',
        summary:
          setting.value === null
            ? 'EnableNegotiate is not set, so Integrated Windows Authentication is on (the default).'
            : `EnableNegotiate = ${setting.value}: Integrated Windows Authentication is on.`,
        evidence: [item.id],
      });
      continue;
    }
    findings.push({
      cause: 'negotiate-disabled',
      confidence: 'confirmed',
      title: getCause('negotiate-disabled').title,
      explanation:
        `"Enable Integrated Windows Authentication" is switched off in Internet Options (${setting.hive}\\${setting.keyPath}\\EnableNegotiate = 0). ` +
        `Without it the browser cannot use Kerberos: it falls back to NTLM or asks for your password. Switching it back on needs a browser restart.`,
      evidence: [item.id],
      browsers: wininetApplicability,
      remedies: proposeWorkstationRemedies([
        {
          remedy: 'wininet.enable-negotiate',
          title: 'Turn Integrated Windows Authentication back on',
          params: {},
        },
      ]),
    });
  }
  return { findings, ruledOut };
};
