/**
 * browser-not-configured (causes.md, seed S4; reference §2.4, §2.5):
 *  - Chrome or Edge with `AuthServerAllowlist` set that does not cover the host: Windows zones
 *    no longer count, and the browser will not sign in silently. The policy is machine/IT
 *    territory: no button, the exact policy value to add is given instead.
 *  - Firefox whose `network.negotiate-auth.trusted-uris` (policy or prefs) does not cover the
 *    host: Firefox asks for a password. Fix: add the host to the pref (user.js), with Firefox
 *    closed; when the list comes from policy, IT changes the policy.
 * A Firefox that could not be examined (profile not read, no policy) is not reported; one that
 * is open gets no button until it is closed (it rewrites its files when it exits).
 */
import { getCause } from '../../causes/cause-catalog.js';
import type { ChromiumAuthPolicies, ChromiumSilentLogon } from '../../browsers/chromium-auth-policy.js';
import { trustedUrisWithHost } from '../../browsers/firefox-trusted-uris.js';
import { evidenceOfKind, type Evidence } from '../../model/evidence.js';
import type { RuledOut } from '../../model/finding.js';
import type { FindingDraft, Rule } from '../rule.js';
import { proposeWorkstationRemedies } from './workstation-remedies.js';
import './workstation-evidence.js';

function chromiumFinding(
  item: Evidence<'browser-auth-policies'>,
  policies: ChromiumAuthPolicies,
  decision: ChromiumSilentLogon,
): FindingDraft | null {
  if (decision.decidedBy !== 'allowlist' || decision.silent || !policies.authServerAllowlist) return null;
  const name = policies.browser === 'chrome' ? 'Chrome' : 'Edge';
  const { hive, keyPath, valueName, value } = policies.authServerAllowlist;
  const host = item.facts.target.host;
  const proposed = `${value.trim().length > 0 ? `${value.trim()},` : ''}${host}`;
  return {
    cause: 'browser-not-configured',
    confidence: 'confirmed',
    title: getCause('browser-not-configured').title,
    explanation:
      `${name} is told by policy which servers it may sign in to automatically (${hive}\\${keyPath}\\${valueName} = "${value}"), and ${host} is not on that list. ` +
      `With this policy ${name} ignores the Windows zones, so it asks for your password for ${host}.` +
      (decision.unreadableEntries.length > 0
        ? ` Some entries of the list could not be read: ${decision.unreadableEntries.join(', ')}.`
        : '') +
      ` IT can add it: set ${valueName} to "${proposed}".`,
    evidence: [item.id],
    browsers: `${name} only (the policy is ${name}'s own).`,
    remedies: [],
  };
}

export const browserNotConfiguredRule: Rule = ({ evidence }) => {
  const findings: FindingDraft[] = [];
  const ruledOut: RuledOut[] = [];
  for (const item of evidenceOfKind(evidence, 'browser-auth-policies')) {
    const facts = item.facts;
    const host = facts.target.host;
    for (const [policies, decision] of [
      [facts.chrome, facts.chromeDecision],
      [facts.edge, facts.edgeDecision],
    ] as const) {
      const finding = chromiumFinding(item, policies, decision);
      const name = policies.browser === 'chrome' ? 'Chrome' : 'Edge';
      if (finding) findings.push(finding);
      else
        ruledOut.push({
          cause: 'browser-not-configured',
          summary:
            decision.decidedBy === 'zones'
              ? `${name} has no AuthServerAllowlist policy, so it follows the Windows zones.`
              : `${name}'s AuthServerAllowlist covers ${host}.`,
          evidence: [item.id],
        });
    }
    const firefoxKnown = facts.firefoxPrefsRead || facts.firefox.trustedUrisSource.level === 'policy';
    if (!firefoxKnown || facts.firefoxPresent === false) continue;
    if (facts.firefoxDecision.allowed) {
      ruledOut.push({
        cause: 'browser-not-configured',
        summary: `Firefox trusts ${host} for Windows sign-in.`,
        evidence: [item.id],
      });
      continue;
    }
    const source = facts.firefox.trustedUrisSource;
    const byPolicy = source.level === 'policy';
    const list = facts.firefox.trustedUris;
    const profile = facts.firefoxProfile;
    const value = trustedUrisWithHost(list, host);
    const unavailableReason = byPolicy
      ? `The list is set by Firefox policy (${source.hive}\\${source.keyPath}). For IT: add a value with the next free number and the data "${host}" under that key (policy Authentication > SPNEGO).`
      : profile === null
        ? 'The Firefox profile could not be read here, so IWA Doctor cannot change it.'
        : facts.firefoxRunning
          ? 'Firefox is open. Close every Firefox window, then run the check again: Firefox overwrites its settings files when it exits.'
          : undefined;
    findings.push({
      cause: 'browser-not-configured',
      confidence: 'confirmed',
      title: getCause('browser-not-configured').title,
      explanation:
        `Firefox does not use Windows zones: it signs in automatically only to servers listed in network.negotiate-auth.trusted-uris ` +
        `(${list === '' ? 'empty, the default' : `"${list}"`}${byPolicy ? `, set by policy ${source.hive}\\${source.keyPath}` : profile ? ` in the profile "${profile.name}"` : ''}), and ${host} is not covered, so Firefox asks for your password.` +
        (byPolicy
          ? ` IT has to add ${host} to that policy.`
          : ` Adding ${host} to it in the profile's user.js (with Firefox closed) fixes this${facts.firefoxRunning ? '; Firefox is open right now, so close it first' : ''}.`),
      evidence: [item.id],
      browsers: 'Firefox only.',
      remedies: proposeWorkstationRemedies([
        {
          remedy: 'firefox.trust-host',
          title: `Let Firefox sign in to ${host} automatically`,
          params: { host, value },
          available: unavailableReason === undefined,
          ...(unavailableReason ? { unavailableReason } : {}),
        },
      ]),
    });
  }
  return { findings, ruledOut };
};
