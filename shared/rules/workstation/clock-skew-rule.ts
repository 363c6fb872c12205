/**
 * clock-skew (causes.md; reference §6.3): Kerberos rejects tickets when the client's clock
 * differs from the domain controller's by five minutes or more (KRB_AP_ERR_SKEW). Measured with
 * `w32tm /stripchart` against the DC. Fix: `w32tm /resync /rediscover`, which needs
 * administrator rights (machine scope, UAC).
 */
import { getCause } from '../../causes/cause-catalog.js';
import { windowsWideApplicability } from '../../browsers/browser-applicability.js';
import { evidenceOfKind } from '../../model/evidence.js';
import type { RuledOut } from '../../model/finding.js';
import type { FindingDraft, Rule } from '../rule.js';
import { proposeWorkstationRemedies } from './workstation-remedies.js';
import './workstation-evidence.js';

function describeSeconds(seconds: number): string {
  const abs = Math.abs(seconds);
  const minutes = Math.floor(abs / 60);
  const rest = Math.round(abs - minutes * 60);
  return minutes > 0 ? `${minutes} min ${rest} s` : `${abs.toFixed(1)} s`;
}

export const clockSkewRule: Rule = ({ evidence }) => {
  const findings: FindingDraft[] = [];
  const ruledOut: RuledOut[] = [];
  for (const item of evidenceOfKind(evidence, 'clock-offset')) {
    const { offsetSeconds, dc, toleranceSeconds } = item.facts;
    if (offsetSeconds === null) continue;
    if (Math.abs(offsetSeconds) < toleranceSeconds) {
      ruledOut.push({
        cause: 'clock-skew',
        summary: `This computer's clock is within ${describeSeconds(offsetSeconds)} of ${dc}.`,
        evidence: [item.id],
      });
      continue;
    }
    findings.push({
      cause: 'clock-skew',
      confidence: 'confirmed',
      title: getCause('clock-skew').title,
      explanation:
        `This computer's clock differs from the domain controller ${dc} by ${describeSeconds(offsetSeconds)}. Kerberos only accepts clocks that differ by less than ` +
        `${toleranceSeconds / 60} minutes, so the sign-in fails and the browser falls back to NTLM or asks for your password. Resynchronising the clock ` +
        `with the domain (w32tm /resync /rediscover) fixes it; that needs administrator rights.`,
      evidence: [item.id],
      browsers: windowsWideApplicability,
      remedies: proposeWorkstationRemedies([
        { remedy: 'time.resync', title: 'Synchronise the clock with the domain', params: { dc } },
      ]),
    });
  }
  return { findings, ruledOut };
};
