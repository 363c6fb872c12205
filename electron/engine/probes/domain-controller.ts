/**
 * Probe `kerberos:domain-controller`: on a domain member, the DC locator's answer
 * (`nltest /dsgetdc:<dns domain>`) and the clock offset to that DC
 * (`w32tm /stripchart /computer:<dc> /samples:3 /dataonly`, reference §6.3). TCP/UDP 88
 * reachability needs a network primitive the host does not offer yet.
 */
import type { Evidence } from '../../../shared/model/evidence.js';
import '../../../shared/rules/workstation/workstation-evidence.js';
import { parseNltestDsGetDc } from '../../../shared/windows-output/nltest-dsgetdc.js';
import { medianOffsetSeconds, parseW32tmStripchart } from '../../../shared/windows-output/w32tm-output.js';
import type { Probe } from '../probe.js';
import { ProbeUnavailableError } from '../probe.js';
import { runToolForProbe } from './run-tool-output.js';

/** Kerberos' default clock tolerance: five minutes (reference §6.3). */
export const kerberosClockToleranceSeconds = 300;

export const domainControllerProbe: Probe = {
  id: 'kerberos:domain-controller',
  title: 'Whether a domain controller can be found, and whether the clocks agree',
  async run({ host, machine }) {
    const domain = machine.dnsDomain ?? machine.domain;
    if (domain === null) throw new ProbeUnavailableError('this computer is not in a domain, so there is no domain controller to look for');
    const nltest = await runToolForProbe(host, 'nltest', [`/dsgetdc:${domain}`]);
    const result = parseNltestDsGetDc(nltest.run.stdout || nltest.run.stderr);
    const locator: Evidence<'dc-locator'> = {
      id: 'dc-locator',
      probe: this.id,
      kind: 'dc-locator',
      status: result.found && result.isKdc ? 'ok' : 'problem',
      summary: result.found ? `Domain controller for ${domain}: ${result.dcName} (${result.dcAddress ?? 'no address'}).` : `No domain controller found for ${domain} (status ${result.status}).`,
      facts: { domain, result, unavailableReason: null },
      raw: [nltest.raw],
    };
    if (!result.found) return [locator];
    const w32tm = await runToolForProbe(host, 'w32tm', ['/stripchart', `/computer:${result.dcName}`, '/samples:3', '/dataonly']);
    const chart = parseW32tmStripchart(w32tm.run.stdout);
    const offsetSeconds = medianOffsetSeconds(chart);
    const clock: Evidence<'clock-offset'> = {
      id: 'clock-offset',
      probe: this.id,
      kind: 'clock-offset',
      status: offsetSeconds === null ? 'unavailable' : Math.abs(offsetSeconds) >= kerberosClockToleranceSeconds ? 'problem' : 'ok',
      summary: offsetSeconds === null ? `The clock of ${result.dcName} could not be read.` : `Clock offset to ${result.dcName}: ${offsetSeconds.toFixed(3)} s.`,
      facts: { dc: result.dcName, offsetSeconds, samples: chart.samples, toleranceSeconds: kerberosClockToleranceSeconds },
      raw: [w32tm.raw],
    };
    return [locator, clock];
  },
};
