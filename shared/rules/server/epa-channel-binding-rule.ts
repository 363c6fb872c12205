/**
 * epa-channel-binding (causes.md; reference §7.4, IISDOCS extendedProtection): the browser
 * binds its token to the TLS certificate it saw; when TLS ends on a load balancer (the URL
 * is https but IIS serves the site over an http binding) and IIS checks channel binding
 * without the Proxy flag and the public SPN, sign-in always fails.
 */
import { getCause } from '../../causes/cause-catalog.js';
import { evidenceOfKind } from '../../model/evidence.js';
import type { RuledOut } from '../../model/finding.js';
import type { FindingDraft, Rule } from '../rule.js';
import { appcmdLocation, proposeServerRemedies } from './server-remedies.js';
import './server-evidence.js';

export const epaChannelBindingRule: Rule = ({ evidence }) => {
  const findings: FindingDraft[] = [];
  const ruledOut: RuledOut[] = [];
  for (const app of evidenceOfKind(evidence, 'iis-application')) {
    const { scheme, bindingProtocol, windowsAuth, site, application, host } = app.facts;
    if (!windowsAuth || !site || !application) continue;
    const epa = windowsAuth.settings.extendedProtection;
    const offloaded = scheme === 'https' && bindingProtocol === 'http';
    const publicSpn = `HTTP/${host}`;
    const spnListed = epa.spns.some((spn) => spn.toLowerCase() === publicSpn.toLowerCase());
    const broken = offloaded && epa.tokenChecking !== 'None' && (!epa.flags.includes('Proxy') || !spnListed);
    if (!broken) {
      ruledOut.push({
        cause: 'epa-channel-binding',
        summary: offloaded
          ? `TLS ends before IIS; extended protection is ${epa.tokenChecking === 'None' ? 'off' : `set for a proxy (${epa.flags.join(', ')}, ${publicSpn})`}.`
          : `Extended protection is ${epa.tokenChecking}; ${scheme === 'https' ? 'TLS reaches IIS itself, so channel binding matches' : 'the site is plain HTTP'}.`,
        evidence: [app.id],
      });
      continue;
    }
    const location = appcmdLocation(site.name, application.path);
    findings.push({
      cause: 'epa-channel-binding',
      confidence: 'likely',
      title: getCause('epa-channel-binding').title,
      explanation:
        `Browsers reach https://${host} but IIS serves ${location} over plain HTTP, so TLS ends on a load balancer or proxy in front of it. ` +
        `Extended protection is ${epa.tokenChecking}${epa.flags.length > 0 ? ` with ${epa.flags.join(', ')}` : ' without the Proxy flag'}${spnListed ? '' : ` and ${publicSpn} is not in its SPN list`}: ` +
        `the browser binds its sign-in to the proxy's certificate, which IIS can never match, so every sign-in fails with 401.1. ` +
        `Set the Proxy flag and list ${publicSpn} (service binding instead of channel binding), or set tokenChecking to None.`,
      evidence: [app.id],
      browsers: 'every browser that sends channel bindings (all current ones)',
      remedies: proposeServerRemedies([
        {
          remedy: 'iis.extended-protection-proxy',
          title: `Use service binding for ${publicSpn} on ${location}`,
          params: { location, spn: publicSpn },
        },
      ]),
    });
  }
  return { findings, ruledOut };
};
