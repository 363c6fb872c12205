/**
 * The windows-zone-for-url primitive's answer: System.Security.SecurityZone by name, or by
 * number when 5.1 serialised the enum (NoZone -1, MyComputer 0, Intranet 1, Trusted 2,
 * Internet 3, Untrusted 4; Learn "SecurityZone Enum"), or null outside Windows PowerShell.
 */
import { z } from 'zod';
import type { WindowsZoneAnswer } from '../host.js';
import { enumByNameOrNumber } from './powershell-json-quirks.js';

const securityZoneSchema = enumByNameOrNumber(
  new Map([
    [-1, 'NoZone'],
    [0, 'MyComputer'],
    [1, 'Intranet'],
    [2, 'Trusted'],
    [3, 'Internet'],
    [4, 'Untrusted'],
  ] as const),
);

export const windowsZoneResultSchema = z.object({
  zone: securityZoneSchema.nullable(),
  edition: z.string().optional(),
});
export type WindowsZoneResult = z.infer<typeof windowsZoneResultSchema>;

export function toWindowsZoneAnswer(result: WindowsZoneResult): WindowsZoneAnswer | null {
  return result.zone === null ? null : { zone: result.zone };
}
