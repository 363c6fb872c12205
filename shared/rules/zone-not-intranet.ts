/**
 * zone-not-intranet (causes.md; seed S0): the URL maps to a zone other than Local intranet
 * (or Trusted with automatic logon) and that zone's 1A00 is not automatic logon, so IE, Edge
 * and Chrome on Windows ask for a password instead of signing in silently (reference §1.7:
 * Chromium's url_security_manager_win.cc returns false for Internet with 0x20000).
 */
import { getCause } from '../causes/cause-catalog.js';
import { evidenceOfKind } from '../model/evidence.js';
import { zoneName } from '../zones/zone-numbers.js';
import type { FindingDraft, Rule } from './rule.js';
import './zone-mapping-evidence.js';

const browsersFollowingZones =
  'Internet Explorer, Edge and Chrome on Windows (they follow Windows zones unless a policy lists allowed servers); Firefox never uses zones.';

export const zoneNotIntranetRule: Rule = ({ evidence }) => {
  const findings: FindingDraft[] = [];
  const ruledOut = [];
  for (const item of evidenceOfKind(evidence, 'zone-mapping')) {
    const { mapping, logon } = item.facts;
    const zone = zoneName(mapping.zone);
    // Intranet and My Computer are the zones silent logon is meant for; a zone whose own 1A00
    // says "prompt" is zone-logon-prompt, not this cause.
    const wrongZone = mapping.zone >= 2 && !logon.silentLogon && logon.setting !== 'prompt' && logon.setting !== 'anonymous';
    if (!wrongZone) {
      ruledOut.push({
        cause: 'zone-not-intranet' as const,
        summary: `${mapping.host} is in the ${zone} zone, where Windows signs in automatically (${logon.setting} logon).`,
        evidence: [item.id],
      });
      continue;
    }
    const locked = mapping.userSiteListLocked;
    findings.push({
      cause: 'zone-not-intranet',
      confidence: 'confirmed',
      title: getCause('zone-not-intranet').title,
      explanation:
        `Windows puts ${mapping.host} in the ${zone} zone (${mapping.decidedBy.explanation}). ` +
        `In that zone the browser only signs you in automatically for Local intranet sites, so it asks for your ` +
        `user name and password instead, once per browser session. Adding ${mapping.host} to Local intranet lets ` +
        `Windows sign you in silently with your own account.` +
        (locked ? ` Your organisation's policy (${mapping.lockedBy ?? 'Group Policy'}) controls the site list, so IT has to add it.` : ''),
      evidence: [item.id],
      browsers: browsersFollowingZones,
      remedies: [
        {
          remedy: 'zone.add-to-intranet',
          title: 'Add to Local intranet',
          scope: 'user',
          params: { url: mapping.url },
          available: !locked,
          ...(locked
            ? {
                unavailableReason: `The site list is set by policy (${mapping.lockedBy ?? 'Group Policy'}): ask IT to add ${mapping.host} with zone 1 to "Site to Zone Assignment List".`,
              }
            : {}),
        },
      ],
    });
  }
  return { findings, ruledOut };
};
