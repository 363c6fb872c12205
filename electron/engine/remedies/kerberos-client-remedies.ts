/** The Kerberos client remedies of the workstation (issue 5), for remedy-catalog.ts: remove a saved sign-in, clear the ticket cache, resynchronise the clock. */
import { credentialsRemoveRemedy } from './credentials-remove.js';
import { kerberosPurgeTicketsRemedy } from './kerberos-purge-tickets.js';
import type { Remedy } from './remedy.js';
import { timeResyncRemedy } from './time-resync.js';

export const kerberosClientRemedies: readonly Remedy[] = [
  credentialsRemoveRemedy,
  kerberosPurgeTicketsRemedy,
  timeResyncRemedy,
];
