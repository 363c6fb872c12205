/** The DC locator (`nltest /dsgetdc:<dns domain>`), shared by the domain-controller and clock probes: both start from the DC Windows would use. */
import type { RawOutput } from '../../../shared/model/evidence.js';
import { parseNltestDsGetDc, type DsGetDcResult } from '../../../shared/windows-output/nltest-dsgetdc.js';
import type { Host, MachineIdentity } from '../../host/host.js';
import { ProbeUnavailableError } from '../probe.js';
import { runToolForProbe } from './run-tool-output.js';

export interface LocatedDomainController {
  readonly domain: string;
  readonly result: DsGetDcResult;
  readonly raw: RawOutput;
}

export async function locateDomainController(
  host: Host,
  machine: MachineIdentity,
): Promise<LocatedDomainController> {
  const domain = machine.dnsDomain ?? machine.domain;
  if (domain === null) {
    throw new ProbeUnavailableError(
      'this computer is not in a domain, so there is no domain controller to look for',
    );
  }
  const nltest = await runToolForProbe(host, 'nltest', [`/dsgetdc:${domain}`]);
  return { domain, result: parseNltestDsGetDc(nltest.run.stdout || nltest.run.stderr), raw: nltest.raw };
}
