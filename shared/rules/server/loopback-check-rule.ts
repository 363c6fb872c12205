/**
 * loopback-check (causes.md; reference §7.1, KB 896861 / KB 926642): from the server itself,
 * NTLM to its FQDN or an alias fails with 401.1 unless the name is in
 * BackConnectionHostNames or the check is disabled. It is a cause only when the person says
 * the site fails on the web server itself (one of the wizard's "where does it fail?"
 * questions answered "only on the web server itself") and this machine serves the host.
 * Running IWA Doctor on the server does not mean the browser that prompts is there: IT staff
 * check users' prompts from the server too. Otherwise a blocking check is a fact, not a cause.
 */
import { getCause } from '../../causes/cause-catalog.js';
import { evidenceOfKind } from '../../model/evidence.js';
import type { RuledOut } from '../../model/finding.js';
import { loopbackBlocks } from '../../iis/loopback-settings.js';
import type { FindingDraft, Rule, RuleInput } from '../rule.js';
import { saysItFailsOnTheServer } from '../../wizard/decision-tree.js';
import { proposeServerRemedies } from './server-remedies.js';
import type { LoopbackFacts } from './server-evidence.js';

/**
 * Whether the person said the browser that fails runs on the web server itself: one of the
 * wizard's "where does it fail?" questions (three prompts, a 401.1, check-everything) answered
 * "Only when I open the site on the web server itself". (works-on-server-only means the opposite
 * — it works there — and is no cause here.)
 */
export function failsOnTheServerItself(target: RuleInput['target']): boolean {
  return saysItFailsOnTheServer(target.answers ?? {});
}

/**
 * Whether a blocking loopback check is a cause of what the person reported. The probe uses
 * the same test for its status, so a healthy server is never marked "problem" without a finding.
 */
export function loopbackCheckIsTheCause(facts: LoopbackFacts, target: RuleInput['target']): boolean {
  return (
    facts.servedHere &&
    loopbackBlocks(facts.host, facts.computerName, facts.settings) &&
    failsOnTheServerItself(target)
  );
}

export const loopbackCheckRule: Rule = ({ evidence, target }) => {
  const findings: FindingDraft[] = [];
  const ruledOut: RuledOut[] = [];
  for (const item of evidenceOfKind(evidence, 'loopback-settings')) {
    const { settings, host, computerName, servedHere } = item.facts;
    const blocks = servedHere && loopbackBlocks(host, computerName, settings);
    if (!loopbackCheckIsTheCause(item.facts, target)) {
      ruledOut.push({
        cause: 'loopback-check',
        summary: !servedHere
          ? `${host} is not served by this machine, so the loopback check does not apply.`
          : blocks
            ? `Browsing ${host} on ${computerName} itself would hit the loopback check; it matters only if the browser that prompts runs on ${computerName} (you did not say so).`
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
