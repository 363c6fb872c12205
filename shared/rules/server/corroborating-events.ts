/**
 * Kerberos events that back a broken verdict link (reference §6.2): KDC event 11 names a
 * duplicate SPN; client event 4 (KRB_AP_ERR_MODIFIED) is what a ticket encrypted for the wrong
 * account produces; event 3 with error 7 (KDC_ERR_S_PRINCIPAL_UNKNOWN) is a missing SPN. The
 * chain proves the cause from the configuration; an event only confirms it happened.
 */
import type { CauseId } from '../../causes/cause-catalog.js';
import { sameSpn } from '../../spn/service-principal-name.js';
import type { KerberosEvent } from './server-evidence.js';

const modifiedCauses: readonly CauseId[] = [
  'spn-duplicate',
  'spn-wrong-account',
  'kernel-mode-no-apppool-creds',
  'farm-shared-name',
  'cname-alias-spn',
];
const unknownCauses: readonly CauseId[] = [
  'spn-missing',
  'spn-netbios-missing',
  'port-in-spn',
  'cname-alias-spn',
];

function namesSpn(event: KerberosEvent, spn: string): boolean {
  return event.name !== null && sameSpn(event.name, spn);
}

/** The events that confirm `cause` for the SPN browsers ask for. */
export function corroboratingEvents(
  cause: CauseId,
  requestedSpn: string | null,
  events: readonly KerberosEvent[],
): KerberosEvent[] {
  if (!requestedSpn) return [];
  return events.filter((event) => {
    if (!namesSpn(event, requestedSpn)) return false;
    const kdc = /Key-Distribution-Center/i.test(event.source);
    if (kdc && event.id === 11) return cause === 'spn-duplicate';
    if (!kdc && (event.id === 4 || event.errorCode === 41)) return modifiedCauses.includes(cause);
    if (!kdc && event.id === 3 && event.errorCode === 7) return unknownCauses.includes(cause);
    return false;
  });
}

/** One sentence naming the events, for a finding's explanation. */
export function describeCorroboratingEvents(events: readonly KerberosEvent[]): string {
  const first = events[0];
  if (!first) return '';
  const where = /Key-Distribution-Center/i.test(first.source) ? 'a domain controller' : 'Windows';
  return (
    `The event log agrees: ${events.length === 1 ? 'an event' : `${events.length} events`} (${first.source} ${first.id}` +
    `${first.time ? `, ${first.time}` : ''}) in which ${where} reports this for ${first.name ?? 'the site'}.`
  );
}
