/** The server-side probes (issue 6); the engine's probe catalog spreads this list in. */
import type { Probe } from '../probe.js';
import { iisApplicationProbe } from './iis-application.js';
import { iisHttpSysLimitsProbe } from './iis-httpsys-limits.js';
import { iisLoopbackCheckProbe } from './iis-loopback-check.js';
import { kerberosEventsProbe } from './kerberos-events.js';
import { spnRegistrationsProbe } from './spn-registrations.js';

export const serverProbes: readonly Probe[] = [
  iisApplicationProbe,
  spnRegistrationsProbe,
  iisHttpSysLimitsProbe,
  iisLoopbackCheckProbe,
  kerberosEventsProbe,
];

/** Probe ids in the order the server checks run (for the probe plan). */
export const serverProbeIds: readonly string[] = serverProbes.map((probe) => probe.id);
