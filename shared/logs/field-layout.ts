/**
 * Which column holds what, read from a `#Fields:` directive (reference §5.3: the order
 * follows the `#Fields` line, which can change mid-file) or, for excerpts published
 * without one, assumed from the number of columns.
 */
export type LogFormat = 'w3c' | 'httperr';

export interface FieldLayout {
  readonly format: LogFormat;
  readonly names: readonly string[];
  readonly count: number;
  /** Column index of each field we use, or -1 when the log does not have it. */
  readonly date: number;
  readonly time: number;
  readonly serverIp: number;
  readonly serverPort: number;
  readonly uriStem: number;
  readonly username: number;
  readonly clientIp: number;
  readonly userAgent: number;
  readonly status: number;
  readonly substatus: number;
  readonly win32Status: number;
  /** httperr only. */
  readonly reason: number;
  /** Set when no `#Fields:` line was seen and the layout was assumed; says which. */
  readonly assumed: string | null;
}

export function layoutFromFieldNames(
  names: readonly string[],
  format: LogFormat,
  assumed: string | null = null,
): FieldLayout {
  const indexOf = (name: string): number => names.indexOf(name);
  // httperr logs the whole URI in `cs-uri`; W3C splits it into stem and query.
  const uriStem = indexOf('cs-uri-stem') >= 0 ? indexOf('cs-uri-stem') : indexOf('cs-uri');
  return {
    format,
    names,
    count: names.length,
    date: indexOf('date'),
    time: indexOf('time'),
    serverIp: indexOf('s-ip'),
    serverPort: indexOf('s-port'),
    uriStem,
    username: indexOf('cs-username'),
    clientIp: indexOf('c-ip'),
    userAgent: indexOf('cs(User-Agent)'),
    status: indexOf('sc-status'),
    substatus: indexOf('sc-substatus'),
    win32Status: indexOf('sc-win32-status'),
    reason: indexOf('s-reason'),
    assumed,
  };
}

/** Parses the text after `#Fields:`; httperr is recognised by its `s-reason` column (§5.3). */
export function parseFieldsDirective(text: string, hint: LogFormat | null): FieldLayout {
  const names = text
    .trim()
    .split(/\s+/)
    .filter((name) => name.length > 0);
  const format: LogFormat = names.includes('s-reason') || hint === 'httperr' ? 'httperr' : 'w3c';
  return layoutFromFieldNames(names, format);
}

/**
 * Default layouts for lines without a `#Fields:` directive, by column count. Sources:
 * 14 = IIS 7.5 default without Referer (KRB-IE / KB 2749007 sample), 15 = IIS 8+ default
 * with Referer (§5.3), 22 = every field of IIS 10 (bcgov sample, data/PROVENANCE.md).
 */
const assumedLayouts = new Map<number, string>([
  [
    14,
    'date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status time-taken',
  ],
  [
    15,
    'date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken',
  ],
  [
    22,
    'date time s-sitename s-computername s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs-version cs(User-Agent) cs(Cookie) cs(Referer) cs-host sc-status sc-substatus sc-win32-status sc-bytes cs-bytes time-taken',
  ],
]);

export function assumedW3cLayout(columnCount: number): FieldLayout | null {
  const fields = assumedLayouts.get(columnCount);
  if (!fields) return null;
  return layoutFromFieldNames(
    fields.split(' '),
    'w3c',
    `no #Fields line: assumed the ${columnCount}-column IIS default "${fields}"`,
  );
}

/**
 * The text of a W3C field value as it was before IIS wrote it: IIS writes spaces inside a
 * value as `+` (reference §5.3), in cs-uri-stem, cs-username and cs(User-Agent) alike, so
 * all three are read back the same way. HTTP.sys error logs (`httperr`) are left as they are.
 */
export function fieldText(value: string, format: LogFormat): string {
  return format === 'w3c' ? value.replaceAll('+', ' ') : value;
}
