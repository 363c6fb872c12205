/**
 * zone-logon-prompt (causes.md): the site's zone has 1A00 = prompt (0x10000) or anonymous
 * (0x30000), in preferences or policy (reference §1.7), so IE/Edge/Chrome ask every time even
 * for an intranet site. Fix: set 1A00 of that zone back to its automatic default in HKCU —
 * only for My Computer, Local intranet and Trusted sites; an Internet or Restricted site
 * belongs in Local intranet instead (zone-not-intranet's remedy), never the other way round.
 * Whether the person can is zones/logon-fix.ts's answer, the same the remedy plans with: a
 * policy value is for IT, Security_HKLM_only needs an administrator; an HKLM preference value
 * is overridden by writing HKCU, which Windows reads first.
 */
import { getCause } from '../../causes/cause-catalog.js';
import { evidenceOfKind } from '../../model/evidence.js';
import type { RuledOut } from '../../model/finding.js';
import { logonFix } from '../../zones/logon-fix.js';
import { siteToZonePolicyChange } from '../../zones/site-to-zone-policy-change.js';
import { zoneName } from '../../zones/zone-numbers.js';
import type { FindingDraft, Rule } from '../rule.js';
import '../zone-mapping-evidence.js';
import { zoneBrowsersSentence } from '../zone-not-intranet.js';
import { proposeWorkstationRemedies } from './workstation-remedies.js';

export const zoneLogonPromptRule: Rule = ({ evidence }) => {
  const findings: FindingDraft[] = [];
  const ruledOut: RuledOut[] = [];
  for (const item of evidenceOfKind(evidence, 'zone-mapping')) {
    const { mapping, logon, effective } = item.facts;
    const zone = zoneName(effective.zone);
    const decided =
      effective.decidedBy === 'windows' || effective.readingsDisagree ? ` ${effective.explanation}` : '';
    if (logon.setting !== 'prompt' && logon.setting !== 'anonymous') {
      // Lockdown_Zones (§1.7) hold the settings of programs under Local Machine Zone Lockdown; web browsing uses Zones.
      const lockdown =
        logon.lockdown && (logon.lockdown.setting === 'prompt' || logon.lockdown.setting === 'anonymous')
          ? ` The locked-down ${zone} zone (${logon.lockdown.hive}\\${logon.lockdown.keyPath}) is set to "${logon.lockdown.setting}", which only applies to programs running under Local Machine Zone Lockdown, not to web sites.`
          : '';
      ruledOut.push({
        cause: 'zone-logon-prompt',
        summary: `The ${zone} zone's logon setting is "${logon.setting}", not prompt or anonymous.${lockdown}`,
        evidence: [item.id],
      });
      continue;
    }
    const where =
      logon.source.level === 'default'
        ? "Windows' default for this zone"
        : `${logon.source.hive}\\${logon.source.keyPath}\\1A00 = 0x${logon.value.toString(16)}`;
    const what = logon.setting === 'prompt' ? '"Prompt for user name and password"' : '"Anonymous logon"';
    const byPolicy = logon.source.level === 'policy';
    const trustedZone = effective.zone <= 2;
    const fix = logonFix(logon);
    const forIt =
      !trustedZone && mapping.userSiteListLocked
        ? siteToZonePolicyChange(mapping.host, 1, mapping.lockedByHive ?? 'HKLM')
        : null;
    const remedies = trustedZone
      ? proposeWorkstationRemedies([
          {
            remedy: 'zone.set-logon-automatic',
            title: `Let the ${zone} zone sign you in automatically`,
            params: { zone: effective.zone },
            available: fix.available,
            ...(fix.available ? {} : { unavailableReason: fix.reason }),
          },
        ])
      : proposeWorkstationRemedies([
          {
            remedy: 'zone.add-to-intranet',
            title: 'Add to Local intranet',
            params: { url: mapping.url },
            available: !mapping.userSiteListLocked,
            ...(forIt
              ? {
                  unavailableReason: `The site list is set by policy (${mapping.lockedBy ?? 'Group Policy'}). For IT: ${forIt.text}`,
                }
              : {}),
          },
        ]);
    findings.push({
      cause: 'zone-logon-prompt',
      confidence: 'confirmed',
      title: getCause('zone-logon-prompt').title,
      explanation:
        `${mapping.host} is in the ${zone} zone (${effective.zone === mapping.zone ? mapping.decidedBy.explanation : 'as Windows itself answers'}).${decided} That zone's "User Authentication: Logon" setting is ${what} (${where}). ` +
        `With that setting the browser never signs you in with your Windows account by itself: it asks every time.` +
        (trustedZone
          ? byPolicy
            ? ' The setting comes from Group Policy, so only IT can change it.'
            : !fix.available && fix.needs === 'administrator'
              ? ' Only the machine setting counts on this computer (Security_HKLM_only), so an administrator has to change it.'
              : ` Setting it back to automatic logon for the ${zone} zone stops the prompts${logon.source.level === 'preference' && logon.source.hive === 'HKLM' ? ' (your own setting is read before the machine one, so it is enough to set yours)' : ''}.`
          : ` Automatic logon should not be switched on for the ${zone} zone; putting ${mapping.host} in Local intranet is the safe fix.`),
      evidence: [item.id],
      browsers: zoneBrowsersSentence(evidence),
      remedies,
    });
  }
  return { findings, ruledOut };
};
