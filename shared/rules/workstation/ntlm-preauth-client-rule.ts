/**
 * ntlm-preauth-kernel-mode, client half (causes.md, seed S2; reference §2.2, KB 2749007):
 * Internet Explorer pre-authenticates (its first request already carries `Authorization:`),
 * which a kernel-mode IIS application answers with 401.1 on the first request. The client fix
 * is `DisableNTLMPreAuth` = 1 in HKCU Internet Settings.
 *  - with IIS evidence showing kernel-mode authentication on for the application: likely;
 *  - without server evidence, on the symptom "401.1 in the page": possible (the server half,
 *    rules/server/ntlm-preauth-kernel-mode-rule.ts, proves the other side when it can).
 * DisableNTLMPreAuth = 1 rules the cause out on this workstation.
 */
import { getCause } from '../../causes/cause-catalog.js';
import { wininetApplicability } from '../../browsers/browser-applicability.js';
import { evidenceOfKind } from '../../model/evidence.js';
import type { RuledOut } from '../../model/finding.js';
import type { FindingDraft, Rule } from '../rule.js';
import '../server/server-evidence.js';
import { proposeWorkstationRemedies } from './workstation-remedies.js';
import './workstation-evidence.js';

export const ntlmPreauthClientRule: Rule = ({ evidence, target }) => {
  const findings: FindingDraft[] = [];
  const ruledOut: RuledOut[] = [];
  const kernelModeApps = evidenceOfKind(evidence, 'iis-application').filter((app) => app.facts.windowsAuth?.settings.useKernelMode === true);
  const kernelModeOff = evidenceOfKind(evidence, 'iis-application').filter((app) => app.facts.windowsAuth?.settings.useKernelMode === false);
  for (const item of evidenceOfKind(evidence, 'wininet-auth-settings')) {
    const setting = item.facts.disableNtlmPreAuth;
    if (setting.value === 1) {
      ruledOut.push({ cause: 'ntlm-preauth-kernel-mode', summary: 'DisableNTLMPreAuth = 1: this browser does not pre-authenticate.', evidence: [item.id] });
      continue;
    }
    if (kernelModeOff.length > 0 && kernelModeApps.length === 0) {
      ruledOut.push({ cause: 'ntlm-preauth-kernel-mode', summary: 'The application does not use kernel-mode authentication.', evidence: [item.id, ...kernelModeOff.map((app) => app.id)] });
      continue;
    }
    const serverProves = kernelModeApps.length > 0;
    if (!serverProves && target.symptom !== 'http-401') continue;
    findings.push({
      cause: 'ntlm-preauth-kernel-mode',
      confidence: serverProves ? 'likely' : 'possible',
      title: getCause('ntlm-preauth-kernel-mode').title,
      explanation:
        `This browser sends its Windows sign-in with the first request to a site it has signed in to before ("pre-authentication"; ` +
        `${setting.value === null ? 'DisableNTLMPreAuth is not set' : `DisableNTLMPreAuth = ${setting.value}`} in ${setting.hive}\\${setting.keyPath}). ` +
        (serverProves
          ? 'The web server uses kernel-mode authentication for this application, which answers such a first request with "401.1 Unauthorized" (KB 2749007). '
          : 'If the web server uses kernel-mode authentication, it answers such a first request with "401.1 Unauthorized" (KB 2749007); the server side was not checked. ') +
        'Setting DisableNTLMPreAuth = 1 stops the pre-authentication; the other fix is turning kernel mode off on the server.',
      evidence: [item.id, ...kernelModeApps.map((app) => app.id)],
      browsers: wininetApplicability,
      remedies: proposeWorkstationRemedies([{ remedy: 'wininet.disable-ntlm-preauth', title: 'Stop sending the sign-in ahead (DisableNTLMPreAuth)', params: {} }]),
    });
  }
  return { findings, ruledOut };
};
