/**
 * browser-not-configured (causes.md, seed S4; reference §2.4, §2.5), one finding naming every
 * browser that will not sign in by itself:
 *  - Chrome or Edge with `AuthServerAllowlist` set that does not cover the host: Windows zones
 *    no longer count, and the browser will not sign in silently; or `AuthSchemes` without
 *    `negotiate`: no Kerberos at all. Policies are IT territory: no button, the exact policy
 *    value to set is given instead.
 *  - Firefox whose `network.negotiate-auth.trusted-uris` (policy or prefs) does not cover the
 *    host: Firefox asks for a password. Fix: add the host to the pref in user.js, with Firefox
 *    closed; when a policy sets and locks the list (`Locked` absent or 1), IT changes the
 *    policy; an unlocked policy list (`Locked` = 0) is only a default, so user.js still works.
 * A Firefox that could not be examined (profile not read, no policy) is not reported; one that
 * is open gets no button until it is closed (it rewrites its files when it exits).
 */
import { getCause } from '../../causes/cause-catalog.js';
import {
  negotiateSchemeDisabled,
  type ChromiumAuthPolicies,
  type ChromiumSilentLogon,
} from '../../browsers/chromium-auth-policy.js';
import { lockedTrustedUrisPolicy } from '../../browsers/firefox-auth-settings.js';
import { trustedUrisWithHost } from '../../browsers/firefox-trusted-uris.js';
import { evidenceOfKind } from '../../model/evidence.js';
import type { RuledOut } from '../../model/finding.js';
import type { FindingDraft, RemedyProposal, Rule } from '../rule.js';
import { proposeWorkstationRemedies } from './workstation-remedies.js';
import './workstation-evidence.js';

interface BrowserProblem {
  readonly browser: string;
  readonly sentence: string;
}

/** What stops Chrome or Edge, in plain words with the change for IT; null when nothing does. */
function chromiumProblem(
  policies: ChromiumAuthPolicies,
  decision: ChromiumSilentLogon,
  host: string,
): BrowserProblem | null {
  const name = policies.browser === 'chrome' ? 'Chrome' : 'Edge';
  const parts: string[] = [];
  if (decision.decidedBy === 'allowlist' && !decision.silent && policies.authServerAllowlist) {
    const { hive, keyPath, valueName, value } = policies.authServerAllowlist;
    const proposed = `${value.trim().length > 0 ? `${value.trim()},` : ''}${host}`;
    parts.push(
      `${name} is told by policy which servers it may sign in to automatically (${hive}\\${keyPath}\\${valueName} = "${value}"), and ${host} is not on that list; ` +
        `with this policy ${name} ignores the Windows zones and asks for your password.` +
        (decision.unreadableEntries.length > 0
          ? ` Some entries of the list could not be read: ${decision.unreadableEntries.join(', ')}.`
          : '') +
        ` IT can add it: set ${valueName} to "${proposed}".`,
    );
  }
  if (negotiateSchemeDisabled(policies) && policies.authSchemes) {
    const { hive, keyPath, valueName, value } = policies.authSchemes;
    parts.push(
      `${name}'s policy ${hive}\\${keyPath}\\${valueName} = "${value}" leaves out "negotiate", so ${name} cannot use Kerberos at all. ` +
        `IT can set ${valueName} to "${[
          ...value
            .split(',')
            .map((scheme) => scheme.trim())
            .filter((scheme) => scheme.length > 0),
          'negotiate',
        ].join(',')}".`,
    );
  }
  return parts.length > 0 ? { browser: name, sentence: parts.join(' ') } : null;
}

export const browserNotConfiguredRule: Rule = ({ evidence }) => {
  const findings: FindingDraft[] = [];
  const ruledOut: RuledOut[] = [];
  for (const item of evidenceOfKind(evidence, 'browser-auth-policies')) {
    const facts = item.facts;
    const host = facts.target.host;
    const problems: BrowserProblem[] = [];
    const remedies: RemedyProposal[] = [];
    for (const [policies, decision] of [
      [facts.chrome, facts.chromeDecision],
      [facts.edge, facts.edgeDecision],
    ] as const) {
      const problem = chromiumProblem(policies, decision, host);
      const name = policies.browser === 'chrome' ? 'Chrome' : 'Edge';
      if (problem) problems.push(problem);
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

    // An unlocked policy list is only a default: without the profile it is not known what Firefox uses.
    const firefoxKnown = facts.firefoxPrefsRead || lockedTrustedUrisPolicy(facts.firefox) !== null;
    if (firefoxKnown && facts.firefoxPresent !== false && facts.firefoxDecision.allowed) {
      ruledOut.push({
        cause: 'browser-not-configured',
        summary: `Firefox trusts ${host} for Windows sign-in.`,
        evidence: [item.id],
      });
    } else if (firefoxKnown && facts.firefoxPresent !== false) {
      const source = facts.firefox.trustedUrisSource;
      const locked = lockedTrustedUrisPolicy(facts.firefox);
      const unlockedPolicy =
        source.level === 'policy' && !source.locked
          ? { hive: source.hive, keyPath: source.keyPath }
          : source.level === 'prefs'
            ? (source.overridesPolicy ?? null)
            : null;
      const list = facts.firefox.trustedUris;
      const profile = facts.firefoxProfile;
      const unavailableReason = locked
        ? `The list is set and locked by Firefox policy (${locked.hive}\\${locked.keyPath}). For IT: add a value with the next free number and the data "${host}" under that key (policy Authentication > SPNEGO).`
        : profile === null
          ? 'The Firefox profile could not be read here, so IWA Doctor cannot change it.'
          : facts.firefoxRunning
            ? 'Firefox is open. Close every Firefox window, then run the check again: Firefox overwrites its settings files when it exits.'
            : undefined;
      const whereSet = locked
        ? `, set and locked by policy ${locked.hive}\\${locked.keyPath}`
        : unlockedPolicy
          ? `, ${source.level === 'policy' ? 'from' : 'overriding'} the unlocked policy ${unlockedPolicy.hive}\\${unlockedPolicy.keyPath} (Locked = 0: a default you may change)`
          : profile
            ? ` in the profile "${profile.name}"`
            : '';
      problems.push({
        browser: 'Firefox',
        sentence:
          `Firefox does not use Windows zones: it signs in automatically only to servers listed in network.negotiate-auth.trusted-uris ` +
          `(${list === '' ? 'empty, the default' : `"${list}"`}${whereSet}), and ${host} is not covered, so Firefox asks for your password.` +
          (locked
            ? ` IT has to add ${host} to that policy.`
            : ` Adding ${host} to it in the profile's user.js (with Firefox closed) fixes this${facts.firefoxRunning ? '; Firefox is open right now, so close it first' : ''}.`),
      });
      remedies.push(
        ...proposeWorkstationRemedies([
          {
            remedy: 'firefox.trust-host',
            title: `Let Firefox sign in to ${host} automatically`,
            params: { host, value: trustedUrisWithHost(list, host) },
            available: unavailableReason === undefined,
            ...(unavailableReason ? { unavailableReason } : {}),
          },
        ]),
      );
    }

    if (problems.length === 0) continue;
    const names = problems.map((problem) => problem.browser);
    findings.push({
      cause: 'browser-not-configured',
      confidence: 'confirmed',
      title: getCause('browser-not-configured').title,
      explanation: problems.map((problem) => problem.sentence).join(' '),
      evidence: [item.id],
      browsers: `${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}` : (names[0] ?? '')} only (${names.length > 1 ? 'each has its own settings' : `the setting is ${names[0] ?? ''}'s own`}).`,
      remedies,
    });
  }
  return { findings, ruledOut };
};
