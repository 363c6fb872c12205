/**
 * The read-kerberos-events primitive's answer (scripts/read-kerberos-events.ps1), with the
 * Windows PowerShell 5.1 quirks undone: one-item or empty arrays (`asArray`), a missing
 * message or data value as null. Bounded like the script: at most 200 events per source, 32
 * data items per event.
 */
import { z } from 'zod';
import {
  maxKerberosEvents,
  type KerberosEventsReading,
} from '../../../shared/windows-output/kerberos-events.js';
import { asArray } from './powershell-json-quirks.js';

const text = (max: number) =>
  z.preprocess((value) => (value === null || value === undefined ? '' : value), z.string().max(max));

const dataItemSchema = z.object({
  name: z.string().max(200).nullable().optional(),
  value: text(1000),
});

const eventSchema = z.object({
  log: text(200),
  source: text(200),
  id: z.number().int().min(0).max(65535),
  time: z.string().max(40).nullable().optional(),
  message: text(4000),
  data: asArray(dataItemSchema).refine((items) => items.length <= 32, 'more than 32 event data items'),
});

export const kerberosEventsResultSchema = z.object({
  events: asArray(eventSchema).refine(
    (events) => events.length <= 2 * maxKerberosEvents,
    `more than ${2 * maxKerberosEvents} events`,
  ),
  skipped: asArray(z.object({ source: text(200), reason: text(2000) })),
});
export type KerberosEventsResult = z.infer<typeof kerberosEventsResultSchema>;

export function toKerberosEventsReading(result: KerberosEventsResult): KerberosEventsReading {
  return {
    events: result.events.map((event) => ({
      log: event.log,
      source: event.source,
      id: event.id,
      time: event.time ?? null,
      message: event.message,
      data: event.data.map((item) => ({ name: item.name ?? null, value: item.value })),
    })),
    skipped: result.skipped.map((item) => ({ source: item.source, reason: item.reason })),
  };
}
