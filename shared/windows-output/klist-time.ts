/**
 * The times klist prints (`Start Time: 11/28/2022 1:28:11 (local)`, reference §6.1) as
 * comparable local times. klist follows the user's locale — one capture shows
 * `13/10/2022 06.28.43` — so "parse loosely" (§6.1): a date whose first two numbers could be
 * month/day or day/month gives both readings, and a comparison is only conclusive when every
 * reading agrees. Times are local wall-clock times, like the directory times they are compared
 * with (which the host converts to local time); nothing here knows a time zone.
 */

/** A local time as `YYYY-MM-DDTHH:MM:SS`, which sorts and compares as text. */
export type LocalTimeText = string;

export interface KlistTimeReadings {
  /** Every calendar-valid reading of the printed date, earliest first; empty when none is. */
  readonly readings: readonly LocalTimeText[];
  /** True when the day/month order could not be told from the text alone. */
  readonly ambiguous: boolean;
}

const pattern =
  /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})\s+(\d{1,2})[:.](\d{1,2})(?:[:.](\d{1,2}))?(?:\s*([AaPp])\.?[Mm]\.?)?/;

const two = (value: number) => String(value).padStart(2, '0');

function daysIn(year: number, month: number): number {
  return (
    [
      31,
      year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28,
      31,
      30,
      31,
      30,
      31,
      31,
      30,
      31,
      30,
      31,
    ][month - 1] ?? 0
  );
}

function text(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): string | null {
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}`;
}

/** The readings of one klist time, e.g. `11/28/2022 1:28:11 (local)` → `2022-11-28T01:28:11`. */
export function klistTimeReadings(printed: string): KlistTimeReadings {
  const match = pattern.exec(printed.trim());
  if (!match) return { readings: [], ambiguous: false };
  const [first, second, third, hourText, minuteText, secondText, meridiem] = match.slice(1);
  const numbers = [first, second, third].map((part) => Number(part));
  let hour = Number(hourText);
  const minute = Number(minuteText);
  const seconds = Number(secondText ?? '0');
  if (meridiem) {
    if (hour < 1 || hour > 12) return { readings: [], ambiguous: false };
    hour = (hour % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0);
  }
  const [a = 0, b = 0, c = 0] = numbers;
  const candidates: (string | null)[] = [];
  if ((first ?? '').length === 4) {
    candidates.push(text(a, b, c, hour, minute, seconds));
  } else {
    const year = (third ?? '').length <= 2 ? 2000 + c : c;
    candidates.push(text(year, a, b, hour, minute, seconds), text(year, b, a, hour, minute, seconds));
  }
  const readings = [
    ...new Set(candidates.filter((candidate): candidate is string => candidate !== null)),
  ].sort();
  return { readings, ambiguous: readings.length > 1 };
}

/** `YYYY-MM-DDTHH:MM[:SS]` (what the host returns for directory times) in the same text form, or null. */
export function localTimeText(value: string): LocalTimeText | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?/.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? '0'));
  return text(year ?? 0, month ?? 0, day ?? 0, hour ?? 0, minute ?? 0, second ?? 0);
}

/** Whether a printed klist time is before `moment`: every reading before → true, every reading after → false, else null. */
export function klistTimeBefore(printed: string, moment: LocalTimeText): boolean | null {
  const { readings } = klistTimeReadings(printed);
  if (readings.length === 0) return null;
  if (readings.every((reading) => reading < moment)) return true;
  if (readings.every((reading) => reading >= moment)) return false;
  return null;
}
