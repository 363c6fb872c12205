/**
 * loopback-check (causes.md; reference §7.1, KB 896861 / KB 926642): from the server itself,
 * NTLM to its FQDN or an alias fails with 401.1 unless the name is in
 * BackConnectionHostNames or the check is disabled. Reported only when the person reports
 * a 401 / prompt and this machine serves the host; otherwise it is a fact, not a cause.
 */
import { getCause } from '../../causes/cause-catalog.js';
import { evidenceOfKind } from '../../model/evidence.js';
import type { RuledOut } from '../../model/finding.js';
import { loopbackBlocks } from '../../iis/loopback-settings.js';
import type { FindingDraft, Rule } from '../rule.js';
import { proposeServerRemedies } from './server-remedies.js';
import type { LoopbackFacts } from './server-evidence.js';

// "Works from my PC, not on the server" arrives as works-on-server-only (the wizard asks which
// way round): when this machine serves the host and the check blocks the name, it is this way.
const loopbackSymptoms = new Set(['http-401', 'prompt-three-times', 'works-on-server-only']);

/**
 * Whether a blocking loopback check is a cause of what the person reported. The probe uses
 * the same test for its status, so a healthy server is never marked "problem" without a finding.
 */
export function loopbackCheckIsTheCause(facts: LoopbackFacts, symptom: string): boolean {
  return (
    facts.servedHere &&
    loopbackBlocks(facts.host, facts.computerName, facts.settings) &&
    loopbackSymptoms.has(symptom)
  );
}

export const loopbackCheckRule: Rule = ({ evidence, target }) => {
  const findings: FindingDraft[] = [];
  const ruledOut: RuledOut[] = [];
  for (const item of evidenceOfKind(evidence, 'loopback-settings')) {
    const { settings, host, computerName, servedHere } = item.facts;
    const blocks = servedHere && loopbackBlocks(host, computerName, settings);
    if (!loopbackCheckIsTheCause(item.facts, target.symptom)) {
      ruledOut.push({
        cause: 'loopback-check',
        summary: !servedHere
          ? `${host} is not served by this machine, so the loopback check does not apply.`
          : blocks
            ? `Browsing ${host} on ${computerName} itself would hit the loopback check, but that is not what you reported.`
            : settings.disableLoopbackCheck
              ? 'The loopback check is disabled (DisableLoopbackCheck = 1).'
              : `${host} is allowed for browsing from this server (${host.toLowerCase() === computerName.toLowerCase() ? 'it is the computer name' : 'BackConnectionHostNames'}).`,
        evidence: [item.id],
      });
      continue;
    }
    findings.push({
      cause: 'loopback-check',
      confidence: 'likely',
      title: getCause('loopback-check').title,
      explanation:
        `You are on ${computerName}, the server that serves ${host}. Windows refuses NTLM sign-in from a server to itself under any name other than its own ` +
        `computer name (the loopback check), so the browser prompts three times and IIS answers 401.1 — from other machines it works. ` +
        `Adding ${host} to BackConnectionHostNames allows it for this name only (safer than turning the check off).` +
        (settings.backConnectionWrongType
          ? ` BackConnectionHostNames exists as ${settings.backConnectionWrongType}; it must be REG_MULTI_SZ (the fix replaces it).`
          : ''),
      evidence: [item.id],
      browsers: 'every browser on this server',
      remedies: proposeServerRemedies([
        {
          remedy: 'machine.back-connection-host-name',
          title: `Add ${host} to BackConnectionHostNames`,
          params: { host },
        },
      ]),
    });
  }
  return { findings, ruledOut };
};
