/**
 * Probe `kerberos:clock`: the offset between this computer's clock and the domain controller the
 * locator finds (`w32tm /stripchart /computer:<dc> /samples:3 /dataonly`, reference §6.3:
 * Kerberos needs them within five minutes). Reading another computer's clock needs no rights.
 */
import type { Evidence } from '../../../shared/model/evidence.js';
import '../../../shared/rules/workstation/workstation-evidence.js';
import { medianOffsetSeconds, parseW32tmStripchart } from '../../../shared/windows-output/w32tm-output.js';
import type { Probe } from '../probe.js';
import { ProbeUnavailableError } from '../probe.js';
import { locateDomainController } from './domain-controller-locator.js';
import { runToolForProbe } from './run-tool-output.js';

/** Kerberos' default clock tolerance: five minutes (reference §6.3). */
export const kerberosClockToleranceSeconds = 300;

export const clockOffsetProbe: Probe = {
  id: 'kerberos:clock',
  title: 'Whether this computer’s clock agrees with the domain controller’s',
  async run({ host, machine }) {
    const located = await locateDomainController(host, machine);
    if (!located.result.found) {
      throw new ProbeUnavailableError(
        `no domain controller was found for ${located.domain}, so there is no clock to compare with`,
      );
    }
    const dc = located.result.dcName;
    const w32tm = await runToolForProbe(host, 'w32tm', [
      '/stripchart',
      `/computer:${dc}`,
      '/samples:3',
      '/dataonly',
    ]);
    const chart = parseW32tmStripchart(w32tm.run.stdout);
    const offsetSeconds = medianOffsetSeconds(chart);
    const clock: Evidence<'clock-offset'> = {
      id: 'clock-offset',
      probe: this.id,
      kind: 'clock-offset',
      status:
        offsetSeconds === null
          ? 'unavailable'
          : Math.abs(offsetSeconds) >= kerberosClockToleranceSeconds
            ? 'problem'
            : 'ok',
      summary:
        offsetSeconds === null
          ? `The clock of ${dc} could not be read.`
          : `Clock offset to ${dc}: ${offsetSeconds.toFixed(3)} s.`,
      facts: { dc, offsetSeconds, samples: chart.samples, toleranceSeconds: kerberosClockToleranceSeconds },
      raw: [located.raw, w32tm.raw],
    };
    return [clock];
  },
};
