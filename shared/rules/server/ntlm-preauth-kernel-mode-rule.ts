/**
 * ntlm-preauth-kernel-mode, server half (causes.md; reference §2.2, KB 2749007): a 401.1
 * on the first request to an application, with kernel-mode authentication on, while the
 * rest of the chain is intact, is the shape of IE pre-authentication meeting kernel mode.
 * The client half (DisableNTLMPreAuth, rules/workstation/ntlm-preauth-client-rule.ts) is joined
 * here into one finding when its evidence is there: DisableNTLMPreAuth = 1 rules the cause out;
 * otherwise the client fix (user scope, no administrator rights) is offered before turning
 * kernel mode off for that application.
 */
import { getCause } from '../../causes/cause-catalog.js';
import { evidenceOfKind } from '../../model/evidence.js';
import type { RuledOut } from '../../model/finding.js';
import type { FindingDraft, Rule } from '../rule.js';
import { walkDecryptionChain } from './decryption-chain.js';
import { loopbackCheckIsTheCause } from './loopback-check-rule.js';
import { appcmdLocation, proposeServerRemedies } from './server-remedies.js';
import './server-evidence.js';
import { proposeWorkstationRemedies } from '../workstation/workstation-remedies.js';
import '../workstation/workstation-evidence.js';

export const ntlmPreauthKernelModeRule: Rule = ({ evidence, target }) => {
  const findings: FindingDraft[] = [];
  const ruledOut: RuledOut[] = [];
  const spn = evidenceOfKind(evidence, 'spn-registrations')[0] ?? null;
  const loopback = evidenceOfKind(evidence, 'loopback-settings')[0] ?? null;
  const client = evidenceOfKind(evidence, 'wininet-auth-settings')[0] ?? null;
  for (const app of evidenceOfKind(evidence, 'iis-application')) {
    const { windowsAuth, site, application } = app.facts;
    if (!windowsAuth || !site || !application) continue;
    const location = appcmdLocation(site.name, application.path);
    if (!windowsAuth.settings.useKernelMode) {
      ruledOut.push({
        cause: 'ntlm-preauth-kernel-mode',
        summary: `Kernel-mode authentication is off for ${location}.`,
        evidence: [app.id],
      });
      continue;
    }
    const chain = walkDecryptionChain(app.facts, spn?.facts ?? null);
    // The loopback check explains a 401.1 only where its own rule says it is the cause (the
    // person said the browser that fails runs on this server); otherwise it is a fact.
    const loopbackExplains = loopback !== null && loopbackCheckIsTheCause(loopback.facts, target);
    if (target.symptom !== 'http-401' || !chain.complete || chain.broken || loopbackExplains) continue;
    if (client?.facts.disableNtlmPreAuth.value === 1) continue;
    findings.push({
      cause: 'ntlm-preauth-kernel-mode',
      // Both halves seen (kernel mode here, pre-authentication on in this browser): likely.
      confidence: client ? 'likely' : 'possible',
      title: getCause('ntlm-preauth-kernel-mode').title,
      explanation:
        `${location} uses kernel-mode authentication and everything from the SPN to the decrypting account is in order (${chain.line}). ` +
        `A 401.1 on the first request to an application that then works is what happens when Internet Explorer sends its sign-in ahead ` +
        `(pre-authentication) to a kernel-mode site (KB 2749007; IIS logs "401 1 2148074254"). Fix it on the clients (DisableNTLMPreAuth = 1) ` +
        `or turn kernel-mode authentication off for ${location}.` +
        (client
          ? ` This computer's Internet Explorer does send its sign-in ahead (${client.facts.disableNtlmPreAuth.value === null ? 'DisableNTLMPreAuth is not set, the Windows default' : `DisableNTLMPreAuth = ${client.facts.disableNtlmPreAuth.value}`}).`
          : ''),
      evidence: [app.id, ...(spn ? [spn.id] : []), ...(client ? [client.id] : [])],
      browsers: 'Internet Explorer and the IE mode of Edge',
      remedies: [
        ...(client
          ? proposeWorkstationRemedies([
              {
                remedy: 'wininet.disable-ntlm-preauth',
                title: 'Stop this browser sending its sign-in ahead (DisableNTLMPreAuth = 1)',
                params: {},
              },
            ])
          : []),
        ...proposeServerRemedies([
          {
            remedy: 'iis.kernel-mode-off',
            title: `Turn off kernel-mode authentication for ${location}`,
            params: { location },
          },
        ]),
      ],
    });
  }
  return { findings, ruledOut };
};
