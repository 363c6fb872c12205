/**
 * proxy-in-path (causes.md, seed S4; reference §7.7): WinINet sends requests for the host
 * through a fixed proxy (ProxyEnable = 1, ProxyServer set, no ProxyOverride entry matches), so
 * the sign-in goes to the proxy, not the site, and sites reached through the proxy are not
 * Local intranet by the proxy-bypass rule (§1.4). Fix: add the host to ProxyOverride (user).
 * A proxy script (AutoConfigURL) is reported; its answer is not evaluated.
 */
import { getCause } from '../../causes/cause-catalog.js';
import { evidenceOfKind } from '../../model/evidence.js';
import type { RuledOut } from '../../model/finding.js';
import type { FindingDraft, Rule } from '../rule.js';
import { proxyOverrideWithHost } from '../../proxy/proxy-override.js';
import { proposeWorkstationRemedies } from './workstation-remedies.js';
import './workstation-evidence.js';

export const proxyInPathRule: Rule = ({ evidence }) => {
  const findings: FindingDraft[] = [];
  const ruledOut: RuledOut[] = [];
  for (const item of evidenceOfKind(evidence, 'proxy-route')) {
    const { route, settings, target } = item.facts;
    const pac = settings.autoConfigUrl
      ? ` A proxy script is also set (AutoConfigURL ${settings.autoConfigUrl}); what it answers for ${target.host} was not checked.`
      : '';
    if (route.route !== 'proxy') {
      ruledOut.push({
        cause: 'proxy-in-path',
        summary:
          route.route === 'bypassed'
            ? `${target.host} bypasses the proxy (ProxyOverride entry "${route.entry.text}").${pac}`
            : `${route.reason === 'proxy-disabled' ? 'No fixed proxy is switched on' : `No proxy is set for ${target.scheme}`}.${pac}`,
        evidence: [item.id],
      });
      continue;
    }
    const perMachine = settings.perMachine;
    findings.push({
      cause: 'proxy-in-path',
      confidence: 'likely',
      title: getCause('proxy-in-path').title,
      explanation:
        `Requests to ${target.host} go through the proxy ${route.proxy} (${settings.hive}\\${settings.keyPath}: ProxyEnable = 1, ` +
        `ProxyOverride ${settings.override === null ? 'not set' : `"${settings.override}"`}). A proxy in between can swallow or demand the Windows sign-in itself, ` +
        `and sites reached through the proxy are not treated as Local intranet. Adding ${target.host} to the proxy exceptions sends it directly.${pac}`,
      evidence: [item.id],
      browsers:
        'Every browser that uses the Windows proxy settings (Internet Explorer, Edge, Chrome, and Firefox when set to "Use system proxy settings").',
      remedies: proposeWorkstationRemedies([
        {
          remedy: 'proxy.add-override',
          title: `Do not use the proxy for ${target.host}`,
          params: { host: target.host },
          available: !perMachine,
          ...(perMachine
            ? {
                unavailableReason: `Proxy settings are per machine here (policy ProxySettingsPerUser = 0). For IT: set HKLM\\${settings.keyPath}\\ProxyOverride to "${proxyOverrideWithHost(settings.override, target.host)}" (in Group Policy, the proxy exceptions of the machine's Internet settings).`,
              }
            : {}),
        },
      ]),
    });
  }
  return { findings, ruledOut };
};
