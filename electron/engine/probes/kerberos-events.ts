/**
 * Probe `kerberos:events`: recent Kerberos events of this machine's System log (reference
 * §6.2) — client events 3 (a KRB-ERROR, e.g. KDC_ERR_ETYPE_NOTSUPP) and 4 (KRB_AP_ERR_MODIFIED),
 * and on a domain controller KDC events 11 (duplicate SPN) and 14/16/27 (encryption types).
 * They are the only evidence of etype-mismatch the app can read (the account's keys cannot be).
 * Event 3 is logged only when Kerberos logging is on (`LogLevel` = 1, §6.2): no event is no proof.
 */
import { describeUnreadable } from '../../../shared/iis/unreadable-fact.js';
import type { Evidence } from '../../../shared/model/evidence.js';
import '../../../shared/rules/server/server-evidence.js';
import {
  formatKerberosEvent,
  kerberosEventFromRecord,
} from '../../../shared/windows-output/kerberos-events.js';
import type { Probe } from '../probe.js';
import { ProbeUnavailableError } from '../probe.js';

/** A week back covers "it failed since Monday"; 50 per source keeps the answer small. */
export const kerberosEventQuery = { sinceHours: 168, maxEvents: 50 } as const;

const checkByHand =
  "Get-WinEvent -FilterHashtable @{ LogName = 'System'; ProviderName = 'Microsoft-Windows-Security-Kerberos'; Id = 3, 4 } -MaxEvents 50 | Format-List TimeCreated, Id, Message";

export const kerberosEventsProbe: Probe = {
  id: 'kerberos:events',
  title: 'Recent Kerberos errors in the Windows event log (wrong key, duplicate SPN, encryption type)',
  async run({ host }) {
    if (!host.readKerberosEvents) throw new ProbeUnavailableError('this host cannot read Windows event logs');
    const reading = await host.readKerberosEvents({ ...kerberosEventQuery });
    const events = reading.events.map(kerberosEventFromRecord);
    // A member server has no KDC provider: that is normal, not a gap worth a warning.
    const skipped = reading.skipped
      .filter((item) => !/Key-Distribution-Center/i.test(item.source))
      .map((item) => ({ what: `the ${item.source} events`, reason: item.reason.slice(0, 300), checkByHand }));
    const count = (predicate: (id: number, source: string) => boolean) =>
      events.filter((event) => predicate(event.id, event.source)).length;
    const modified = count((id, source) => id === 4 && !/Key-Distribution-Center/i.test(source));
    const errors = count((id, source) => id === 3 && !/Key-Distribution-Center/i.test(source));
    const kdc = count((_id, source) => /Key-Distribution-Center/i.test(source));
    const evidence: Evidence<'kerberos-events'> = {
      id: 'kerberos-events',
      probe: this.id,
      kind: 'kerberos-events',
      status: skipped.length > 0 ? 'unavailable' : events.length > 0 ? 'problem' : 'info',
      summary: [
        events.length === 0
          ? `No Kerberos errors in the System log of the last ${kerberosEventQuery.sinceHours / 24} days (event 3 is only logged when Kerberos logging is on).`
          : `Kerberos events of the last ${kerberosEventQuery.sinceHours / 24} days: ${errors} Kerberos error${errors === 1 ? '' : 's'} (event 3), ` +
            `${modified} KRB_AP_ERR_MODIFIED (event 4), ${kdc} domain controller event${kdc === 1 ? '' : 's'} (11, 14, 16, 27).`,
        ...skipped.map(describeUnreadable),
      ].join(' '),
      facts: { events },
      raw: reading.events.map((record) => ({
        label: `Event ${record.id}, ${record.source}, ${record.time ?? ''}`,
        text: formatKerberosEvent(record),
      })),
    };
    return [evidence];
  },
};
