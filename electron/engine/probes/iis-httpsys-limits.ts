/** Probe `httpsys:limits`: http.sys MaxFieldLength / MaxRequestBytes (reference §7.2). */
import { formatRegQuery } from '../../../shared/host/reg-query-format.js';
import { httpSysParametersKey, readHttpSysLimits } from '../../../shared/iis/httpsys-limits.js';
import type { Evidence } from '../../../shared/model/evidence.js';
import '../../../shared/rules/server/server-evidence.js';
import type { Probe } from '../probe.js';

export const iisHttpSysLimitsProbe: Probe = {
  id: 'httpsys:limits',
  title: 'How long a request header http.sys accepts on this server (large Kerberos tokens)',
  async run({ host }) {
    const key = { ...httpSysParametersKey };
    const tree = await host.readRegistryTree(key, 0);
    const limits = readHttpSysLimits(tree);
    const evidence: Evidence<'httpsys-limits'> = {
      id: 'httpsys-limits',
      probe: this.id,
      kind: 'httpsys-limits',
      status: limits.ignoredValues.length > 0 ? 'problem' : 'info',
      summary: `http.sys accepts headers up to ${limits.maxFieldLength} bytes and requests up to ${limits.maxRequestBytes} bytes${limits.ignoredValues.length > 0 ? ` (ignored, wrong type: ${limits.ignoredValues.join(', ')})` : ''}.`,
      facts: { limits },
      raw: [{ label: `reg query "HKLM\\${key.path}"`, text: formatRegQuery(key, tree) }],
    };
    return [evidence];
  },
};
