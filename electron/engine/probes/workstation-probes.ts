/** The workstation-side probes (issue 5); the engine's probe catalog spreads this list in. */
import type { Probe } from '../probe.js';
import { clockOffsetProbe } from './clock-offset.js';
import { domainControllerProbe } from './domain-controller.js';
import { kerberosTicketsProbe } from './kerberos-tickets.js';
import { logonAccountProbe } from './logon-account.js';
import { storedCredentialsProbe } from './stored-credentials.js';
import {
  browserAllowListsProbe,
  negotiateSettingsProbe,
  proxySettingsProbe,
} from './workstation-settings.js';

export const workstationProbes: readonly Probe[] = [
  negotiateSettingsProbe,
  browserAllowListsProbe,
  proxySettingsProbe,
  logonAccountProbe,
  domainControllerProbe,
  clockOffsetProbe,
  kerberosTicketsProbe,
  storedCredentialsProbe,
];
