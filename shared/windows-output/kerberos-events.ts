/**
 * Kerberos events read from the Windows event logs (reference §6.2), as the host hands them
 * over — log, provider, id, time, rendered message and the event-data items — turned into the
 * facts rules use: the Kerberos error number and the SPN or duplicate name the event names.
 *
 * - System event 3 (Microsoft-Windows-Security-Kerberos): "A Kerberos Error Message was
 *   received", event data ErrorCode, ServerName, TargetName (manifest field names, §6.2
 *   [V-ex]); the message says "Error Code: 0x7 KDC_ERR_S_PRINCIPAL_UNKNOWN" [V: KB 2015518].
 * - System event 4 (same provider, on the client): KRB_AP_ERR_MODIFIED (error 41) "from the
 *   server <name>. The target name used was <spn>." [V: KB 2706695]. Its event-data names are
 *   not in the reference, so the message text is read.
 * - KDC event 11 (Microsoft-Windows-Kerberos-Key-Distribution-Center, on a DC): "The duplicate
 *   name is %1 (of type %2)" [V: KB 2015518]; KDC 14/16/27 are the encryption-type events.
 *
 * Bounded: at most `maxKerberosEvents` events, messages cut at 4000 characters.
 */
import type { KerberosEvent } from '../rules/server/server-evidence.js';

/** One event as the host reads it (the PowerShell primitive read-kerberos-events, or a scenario). */
export interface KerberosEventRecord {
  readonly log: string;
  readonly source: string;
  readonly id: number;
  /** ISO 8601 (UTC) or null when the log did not say. */
  readonly time: string | null;
  /** The rendered message; empty when the provider's message file is missing. */
  readonly message: string;
  /** EventData items in order; `name` is null for unnamed (%1, %2 …) items. */
  readonly data: readonly { readonly name: string | null; readonly value: string }[];
}

export const kerberosClientSource = 'Microsoft-Windows-Security-Kerberos';
export const kdcSource = 'Microsoft-Windows-Kerberos-Key-Distribution-Center';
/** Client events 3 (KRB-ERROR received) and 4 (KRB_AP_ERR_MODIFIED); KDC 11 (duplicate name), 14/16/27 (etype). */
export const kerberosEventIds = { [kerberosClientSource]: [3, 4], [kdcSource]: [11, 14, 16, 27] } as const;
export const maxKerberosEvents = 200;
const maxMessage = 4000;

/** Kerberos error numbers (RFC 4120 §7.5.9) by the names Windows prints (§6.2). */
const errorNames: Readonly<Record<string, number>> = {
  KDC_ERR_S_PRINCIPAL_UNKNOWN: 7,
  KDC_ERR_PRINCIPAL_NOT_UNIQUE: 8,
  KDC_ERR_ETYPE_NOSUPP: 14,
  KDC_ERR_ETYPE_NOTSUPP: 14,
  KRB_AP_ERR_SKEW: 37,
  KRB_AP_ERR_MODIFIED: 41,
};

function dataValue(record: KerberosEventRecord, name: string): string | null {
  const item = record.data.find((entry) => entry.name?.toLowerCase() === name.toLowerCase());
  const value = item?.value.trim();
  return value ? value : null;
}

function parseErrorNumber(text: string): number | null {
  const value = /^0x[0-9a-f]{1,8}$/i.test(text)
    ? Number.parseInt(text.slice(2), 16)
    : /^\d{1,10}$/.test(text)
      ? Number(text)
      : Number.NaN;
  return Number.isInteger(value) && value >= 0 && value <= 0xffff ? value : null;
}

function errorCodeOf(record: KerberosEventRecord): number | null {
  const fromData = dataValue(record, 'ErrorCode');
  if (fromData !== null) {
    const parsed = parseErrorNumber(fromData.split(/\s/)[0] ?? '');
    if (parsed !== null) return parsed;
  }
  const printed = /Error Code:\s*(0x[0-9a-f]{1,8})/i.exec(record.message);
  if (printed?.[1]) return parseErrorNumber(printed[1]);
  const named = /\b(KDC_ERR_[A-Z_]+|KRB_AP_ERR_[A-Z_]+)\b/.exec(record.message);
  return named?.[1] ? (errorNames[named[1]] ?? null) : null;
}

function nameOf(record: KerberosEventRecord): string | null {
  const fromData = dataValue(record, 'TargetName') ?? dataValue(record, 'ServerName');
  if (fromData) return fromData.replace(/@[^@/]+$/, '');
  const duplicate = /The duplicate name is (\S+)/.exec(record.message);
  if (duplicate?.[1]) return duplicate[1];
  const target = /The target name used was (\S+?)\.?(?:\s|$)/.exec(record.message);
  if (target?.[1]) return target[1];
  if (/Key-Distribution-Center/i.test(record.source) && record.id === 11) {
    const first = record.data.find((entry) => entry.name === null)?.value.trim();
    if (first) return first;
  }
  const server = /^\s*Server Name:\s*(\S+)\s*$/im.exec(record.message);
  return server?.[1] ?? null;
}

/** The facts of one record; `log` outside System/Security is reported as System (where Kerberos logs). */
export function kerberosEventFromRecord(record: KerberosEventRecord): KerberosEvent {
  return {
    log: record.log.toLowerCase() === 'security' ? 'Security' : 'System',
    source: record.source,
    id: record.id,
    time: record.time,
    errorCode: errorCodeOf(record),
    name: nameOf(record),
    message: record.message.slice(0, maxMessage),
  };
}

/** Event Viewer's "General" view of one event, for the raw output a person can compare. */
export function formatKerberosEvent(record: KerberosEventRecord): string {
  return [
    `Log Name:      ${record.log}`,
    `Source:        ${record.source}`,
    `Date:          ${record.time ?? '(not recorded)'}`,
    `Event ID:      ${record.id}`,
    '',
    record.message,
  ].join('\r\n');
}

/** What the host is asked: events of the last `sinceHours` hours, at most `maxEvents` per source. */
export interface KerberosEventQuery {
  readonly sinceHours: number;
  readonly maxEvents: number;
}

/** What the host answers: the events, and the sources it could not read with why (e.g. no KDC on a member server). */
export interface KerberosEventsReading {
  readonly events: readonly KerberosEventRecord[];
  readonly skipped: readonly { readonly source: string; readonly reason: string }[];
}
