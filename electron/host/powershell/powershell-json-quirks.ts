/**
 * Windows PowerShell 5.1 `ConvertTo-Json` quirks, undone before validation (design.md,
 * Seams → Host; reference §4.5). Each normalizer is a zod preprocess step, so a value that
 * still does not fit after normalizing is reported by zod, never silently accepted.
 *
 * - A one-element array often arrives as the bare element (the pipeline unrolls it), and an
 *   empty one as `null` or a missing property: `asArray`.
 * - `[DateTime]` is written as `"\/Date(<ms since epoch>)\/"` (JSON.parse leaves `/Date(ms)/`),
 *   and a date from a cmdlet (Get-Date) as `{ "value": "\/Date(ms)\/", "DisplayHint": n,
 *   "DateTime": "..." }` because of its extra note properties: `powerShellDateSchema`.
 * - Enums are written as their numeric value unless the script calls `.ToString()`:
 *   `enumByNameOrNumber`.
 * - Past `-Depth`, objects turn into their `ToString()`: `"System.Collections.Hashtable"`,
 *   `"@{name=value}"`, `"System.Object[]"`: `looksLikeDepthTruncation` names that case.
 */
import { z } from 'zod';

/** Accepts `[]`, `null`/missing (empty) or a bare element (one-element array collapsed). */
export function asArray<T extends z.ZodType>(element: T) {
  return z.preprocess((value) => {
    if (value === null || value === undefined) return [];
    return Array.isArray(value) ? value : [value];
  }, z.array(element));
}

const msDatePattern = /^\/Date\((-?\d{1,15})(?:[+-]\d{4})?\)\/$/;

/** Parses `/Date(ms)/` (after JSON.parse removed the `\/` escapes); null when it is not one. */
export function parseMsDate(text: string): Date | null {
  const match = msDatePattern.exec(text);
  if (!match?.[1]) return null;
  const date = new Date(Number(match[1]));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A 5.1 date in either form (plain `[DateTime]` or a cmdlet's PSObject-wrapped one), or ISO 8601 (PowerShell 7). */
export const powerShellDateSchema = z.preprocess((value) => {
  const text =
    typeof value === 'object' &&
    value !== null &&
    'value' in value &&
    typeof (value as { value: unknown }).value === 'string'
      ? (value as { value: string }).value
      : value;
  if (typeof text !== 'string') return text;
  const msDate = parseMsDate(text);
  if (msDate) return msDate;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$/.test(text)) {
    const iso = new Date(text);
    if (!Number.isNaN(iso.getTime())) return iso;
  }
  return text;
}, z.date());

/** An enum that may come as its name (`.ToString()`) or as its number (5.1 default). */
export function enumByNameOrNumber<const Name extends string>(byNumber: ReadonlyMap<number, Name>) {
  const names = [...new Set(byNumber.values())] as [Name, ...Name[]];
  return z.preprocess(
    (value) => (typeof value === 'number' && byNumber.has(value) ? byNumber.get(value) : value),
    z.enum(names),
  );
}

/** True for the strings 5.1 writes where it stopped descending because of `-Depth`. */
export function looksLikeDepthTruncation(value: unknown): boolean {
  return typeof value === 'string' && (/^System\.[\w.`[\]]+$/.test(value) || /^@\{.*\}$/s.test(value));
}

/** Finds the first depth-truncation string anywhere in a parsed document (bounded walk). */
export function findDepthTruncation(document: unknown): string | null {
  const stack: unknown[] = [document];
  let visited = 0;
  while (stack.length > 0 && visited < 200_000) {
    const value = stack.pop();
    visited += 1;
    if (looksLikeDepthTruncation(value)) return value as string;
    if (Array.isArray(value)) stack.push(...value);
    else if (typeof value === 'object' && value !== null) stack.push(...Object.values(value));
  }
  return null;
}
