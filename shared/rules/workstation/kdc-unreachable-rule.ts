/**
 * kdc-unreachable (causes.md, seed S4; reference §6.1): on a domain member, no domain
 * controller could be located for the domain (`nltest /dsgetdc` fails or names no KDC), the DC
 * it found does not accept TCP on the Kerberos port 88, or `klist get HTTP/<host>` fails with
 * "no logon servers" (0xc000005e / substatus 0x51f). Kerberos then cannot get a ticket and
 * Windows falls back to NTLM or prompts (off-site, VPN down, a firewall dropping port 88).
 * Nothing to change locally: the finding explains. A workgroup computer has no domain
 * controller to reach; the DC probe says so and this rule stays silent (local-account-ntlm
 * covers it).
 */
import { getCause } from '../../causes/cause-catalog.js';
import { windowsWideApplicability } from '../../browsers/browser-applicability.js';
import { describeTcpPortFailure } from '../../host/tcp-port.js';
import { evidenceOfKind } from '../../model/evidence.js';
import type { RuledOut } from '../../model/finding.js';
import type { FindingDraft, Rule } from '../rule.js';
import './kerberos-client-evidence.js';
import './workstation-evidence.js';

const noLogonServers = 0xc000005e;
const noLogonServersSubstatus = 0x51f;

export const kdcUnreachableRule: Rule = ({ evidence }) => {
  const reasons: string[] = [];
  const ids: string[] = [];
  const healthy: string[] = [];
  const healthyIds: string[] = [];
  /** True when a DC was found but its Kerberos port is closed: a firewall, not the VPN. */
  let portBlockedOnFoundDc = false;
  let locatorFailed = false;

  for (const item of evidenceOfKind(evidence, 'dc-locator')) {
    const { result, domain } = item.facts;
    if (result === null) continue;
    if (!result.found) {
      locatorFailed = true;
      reasons.push(
        `the domain controller locator found no domain controller for ${domain} (nltest: status ${result.status}${result.statusName ? ` ${result.statusName}` : ''})`,
      );
      ids.push(item.id);
    } else if (!result.isKdc) {
      reasons.push(
        `the domain controller found for ${domain} (${result.dcName}) does not offer the Kerberos service (no KDC flag)`,
      );
      ids.push(item.id);
    } else {
      healthy.push(
        `Domain controller ${result.dcName} (${result.dcAddress ?? 'address not shown'}) answers for ${domain} and runs the Kerberos service (KDC).`,
      );
      healthyIds.push(item.id);
    }
  }
  for (const item of evidenceOfKind(evidence, 'kdc-port')) {
    const { answer, dc } = item.facts;
    if (answer.reachable) {
      healthy.push(`${dc} accepts connections on the Kerberos port (TCP ${answer.port}).`);
      healthyIds.push(item.id);
      continue;
    }
    portBlockedOnFoundDc = true;
    reasons.push(
      `the domain controller ${dc} does not accept connections on the Kerberos port: ${describeTcpPortFailure(answer)}`,
    );
    ids.push(item.id);
  }
  for (const item of evidenceOfKind(evidence, 'kerberos-tickets')) {
    const failure = item.facts.get?.failure;
    if (failure && (failure.status === noLogonServers || failure.apiSubstatus === noLogonServersSubstatus)) {
      reasons.push(
        `asking for a ticket to ${item.facts.spn} failed because no logon server was available (klist: 0x${failure.status.toString(16)})`,
      );
      ids.push(item.id);
    }
  }

  if (reasons.length === 0) {
    const ruledOut: RuledOut[] =
      healthy.length > 0
        ? [{ cause: 'kdc-unreachable', summary: healthy.join(' '), evidence: healthyIds }]
        : [];
    return { findings: [], ruledOut };
  }
  const why =
    portBlockedOnFoundDc && !locatorFailed
      ? 'The domain controller can be found, but something between this computer and it (usually a firewall) blocks Kerberos, port 88. IT has to allow it; nothing on this computer needs changing.'
      : 'This usually means you are off the company network or the VPN is not connected; nothing on this computer needs changing.';
  const finding: FindingDraft = {
    cause: 'kdc-unreachable',
    confidence: 'confirmed',
    title: getCause('kdc-unreachable').title,
    explanation:
      `This computer cannot reach a domain controller to get Kerberos tickets: ${reasons.join('; ')}. ` +
      `Without a domain controller the browser cannot sign you in with Kerberos, so it falls back to NTLM or asks for your password. ${why}`,
    evidence: ids,
    browsers: windowsWideApplicability,
    remedies: [],
  };
  return { findings: [finding], ruledOut: [] };
};
