/**
 * kdc-unreachable (causes.md, seed S4; reference §6.1): on a domain member, no domain
 * controller could be located for the domain (`nltest /dsgetdc` fails or names no KDC), or
 * `klist get HTTP/<host>` fails with "no logon servers" (0xc000005e / substatus 0x51f). Kerberos
 * then cannot get a ticket and Windows falls back to NTLM or prompts (off-site, VPN down).
 * Nothing to change locally: the finding explains.
 */
import { getCause } from '../../causes/cause-catalog.js';
import { windowsWideApplicability } from '../../browsers/browser-applicability.js';
import { evidenceOfKind } from '../../model/evidence.js';
import type { RuledOut } from '../../model/finding.js';
import type { FindingDraft, Rule } from '../rule.js';
import './workstation-evidence.js';

const noLogonServers = 0xc000005e;

export const kdcUnreachableRule: Rule = ({ evidence }) => {
  const findings: FindingDraft[] = [];
  const ruledOut: RuledOut[] = [];
  const locators = evidenceOfKind(evidence, 'dc-locator');
  const tickets = evidenceOfKind(evidence, 'kerberos-tickets');
  const reasons: string[] = [];
  const ids: string[] = [];
  for (const item of locators) {
    const { result, domain } = item.facts;
    if (result === null) continue;
    if (!result.found) {
      reasons.push(`the domain controller locator found no domain controller for ${domain} (nltest: status ${result.status}${result.statusName ? ` ${result.statusName}` : ''})`);
      ids.push(item.id);
    } else if (!result.isKdc) {
      reasons.push(`the domain controller found for ${domain} (${result.dcName}) does not offer the Kerberos service (no KDC flag)`);
      ids.push(item.id);
    } else {
      ruledOut.push({ cause: 'kdc-unreachable', summary: `Domain controller ${result.dcName} (${result.dcAddress ?? 'address not shown'}) answers for ${domain} and runs the KDC.`, evidence: [item.id] });
    }
  }
  for (const item of tickets) {
    const failure = item.facts.get?.failure;
    if (failure && (failure.status === noLogonServers || failure.apiSubstatus === 0x51f)) {
      reasons.push(`asking for a ticket to ${item.facts.spn} failed because no logon server was available (klist: 0x${failure.status.toString(16)})`);
      ids.push(item.id);
    }
  }
  if (reasons.length > 0) {
    findings.push({
      cause: 'kdc-unreachable',
      confidence: 'confirmed',
      title: getCause('kdc-unreachable').title,
      explanation:
        `This computer cannot reach a domain controller to get Kerberos tickets: ${reasons.join('; ')}. ` +
        `Without a domain controller the browser cannot sign you in with Kerberos, so it falls back to NTLM or asks for your password. ` +
        `This usually means you are off the company network or the VPN is not connected; nothing on this computer needs changing.`,
      evidence: ids,
      browsers: windowsWideApplicability,
      remedies: [],
    });
  }
  return { findings, ruledOut };
};
