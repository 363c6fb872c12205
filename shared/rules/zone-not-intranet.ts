/**
 * zone-not-intranet (causes.md; seed S0): the URL maps to a zone other than Local intranet
 * (or Trusted with automatic logon) and that zone's 1A00 is not automatic logon, so IE, Edge
 * and Chrome on Windows ask for a password instead of signing in silently (reference §1.7:
 * Chromium's url_security_manager_win.cc returns false for Internet with 0x20000).
 *
 * The zone is the effective one (shared/zones/effective-zone.ts): Windows' own answer when it
 * could be asked, else the registry reading; where the readings of the unverified list order
 * disagree (§1.5) the finding says so and says which answer decided. When a policy owns the
 * site list there is no button: the finding gives the Site to Zone Assignment List entry for IT.
 */
import { zoneCauseApplicability } from '../browsers/browser-applicability.js';
import { getCause } from '../causes/cause-catalog.js';
import { evidenceOfKind, type Evidence } from '../model/evidence.js';
import type { RuledOut } from '../model/finding.js';
import { siteToZonePolicyChange } from '../zones/site-to-zone-policy-change.js';
import { zoneName } from '../zones/zone-numbers.js';
import type { FindingDraft, Rule } from './rule.js';
import { proposeWorkstationRemedies } from './workstation/workstation-remedies.js';
import './workstation/workstation-evidence.js';
import './zone-mapping-evidence.js';

/** Which browsers follow zones here (Chrome/Edge do not when their AuthServerAllowlist policy is set). */
export function zoneBrowsersSentence(evidence: readonly Evidence[]): string {
  const policies = evidenceOfKind(evidence, 'browser-auth-policies')[0] ?? null;
  return zoneCauseApplicability(policies?.facts.chrome ?? null, policies?.facts.edge ?? null).sentence;
}

export const zoneNotIntranetRule: Rule = ({ evidence }) => {
  const findings: FindingDraft[] = [];
  const ruledOut: RuledOut[] = [];
  for (const item of evidenceOfKind(evidence, 'zone-mapping')) {
    const { mapping, logon, effective } = item.facts;
    const zone = zoneName(effective.zone);
    const decided =
      effective.decidedBy === 'windows' || effective.readingsDisagree ? ` ${effective.explanation}` : '';
    // Intranet and My Computer are the zones silent logon is meant for; a zone whose own 1A00
    // says "prompt" is zone-logon-prompt, not this cause.
    const wrongZone =
      effective.zone >= 2 &&
      !logon.silentLogon &&
      logon.setting !== 'prompt' &&
      logon.setting !== 'anonymous';
    if (!wrongZone) {
      // Reference §1.7 / §10 item 5: Microsoft's Edge documentation and Chromium's code disagree on Trusted sites.
      const edgeTrusted =
        effective.zone === 2 && logon.silentLogon
          ? ' Edge 87 and later may still ask for Trusted sites (Microsoft says Edge only uses the Internet and Local intranet zones); if only Edge asks, put the site in Local intranet.'
          : '';
      ruledOut.push({
        cause: 'zone-not-intranet',
        summary: `${mapping.host} is in the ${zone} zone${logon.silentLogon ? ', where Windows signs in automatically' : ''} (${logon.setting} logon).${decided}${edgeTrusted}`,
        evidence: [item.id],
      });
      continue;
    }
    const locked = mapping.userSiteListLocked;
    const forIt = locked ? siteToZonePolicyChange(mapping.host, 1, mapping.lockedByHive ?? 'HKLM') : null;
    findings.push({
      cause: 'zone-not-intranet',
      confidence: 'confirmed',
      title: getCause('zone-not-intranet').title,
      explanation:
        `Windows puts ${mapping.host} in the ${zone} zone (${effective.zone === mapping.zone ? mapping.decidedBy.explanation : 'as Windows itself answers'}).${decided} ` +
        `In that zone the browser only signs you in automatically for Local intranet sites, so it asks for your ` +
        `user name and password instead, once per browser session. Adding ${mapping.host} to Local intranet lets ` +
        `Windows sign you in silently with your own account.` +
        (forIt
          ? ` Your organisation's policy (${mapping.lockedBy ?? 'Group Policy'}) controls the site list, so IT has to add it. ${forIt.text}`
          : ''),
      evidence: [item.id],
      browsers: zoneBrowsersSentence(evidence),
      remedies: proposeWorkstationRemedies([
        {
          remedy: 'zone.add-to-intranet',
          title: 'Add to Local intranet',
          params: { url: mapping.url },
          available: !locked,
          ...(forIt
            ? {
                unavailableReason: `The site list is set by policy (${mapping.lockedBy ?? 'Group Policy'}). For IT: ${forIt.text}`,
              }
            : {}),
        },
      ]),
    });
  }
  return { findings, ruledOut };
};
