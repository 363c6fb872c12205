/**
 * `w32tm` output used for the clock-skew check (reference §6.3: Kerberos needs client and DC
 * within five minutes; fix `w32tm /resync`):
 *  - `w32tm /stripchart /computer:<dc> /samples:<n> /dataonly`: "Tracking <dc> [<ip>:123]." then
 *    one `hh:mm:ss, ±<seconds>s` line per sample (offset of the DC's clock from this one), or
 *    `hh:mm:ss, error: 0x…`;
 *  - `w32tm /query /status`: `Label: value` lines (Source, Last Successful Sync Time, …).
 * Neither is quoted in the reference: fixtures are reconstructed (`.reconstructed.`).
 */
import { WindowsOutputError, splitOutputLines } from './windows-output-error.js';

export interface StripchartSample {
  readonly time: string;
  /** Offset between this clock and the remote one, seconds, sign as printed (sign convention [U]); null on error. */
  readonly offsetSeconds: number | null;
  readonly error: string | null;
}

export interface StripchartOutput {
  readonly computer: string | null;
  readonly address: string | null;
  readonly samples: readonly StripchartSample[];
}

const maxSamples = 10_000;

export function parseW32tmStripchart(text: string): StripchartOutput {
  const lines = splitOutputLines('w32tm', text)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  let computer: string | null = null;
  let address: string | null = null;
  const samples: StripchartSample[] = [];
  for (const line of lines) {
    const tracking = /^Tracking (\S+) \[([^\]]+)\]\.$/.exec(line);
    if (tracking) {
      computer = tracking[1] ?? null;
      address = tracking[2] ?? null;
      continue;
    }
    if (/^Collecting \d+ samples\.$/.test(line) || line.startsWith('The current time is ')) continue;
    const sample = /^(\d{1,2}:\d{2}:\d{2}),\s+(?:([+-]\d{1,10}\.\d{1,9})s|error: (0x[0-9a-fA-F]{1,8}))$/.exec(
      line,
    );
    if (sample) {
      if (samples.length >= maxSamples) throw new WindowsOutputError('w32tm', 'more than 10000 samples');
      samples.push({
        time: sample[1] ?? '',
        offsetSeconds: sample[2] !== undefined ? Number(sample[2]) : null,
        error: sample[3] ?? null,
      });
      continue;
    }
    // The chart form (without /dataonly): "01:35:12 d:+00.0004883s o:+00.0012345s  [ … * … ]".
    const chart = /^(\d{1,2}:\d{2}:\d{2})\s+d:[+-][\d.]+s\s+o:([+-]\d{1,10}\.\d{1,9})s/.exec(line);
    if (chart) {
      samples.push({ time: chart[1] ?? '', offsetSeconds: Number(chart[2]), error: null });
      continue;
    }
    throw new WindowsOutputError('w32tm', `unrecognised stripchart line "${line.slice(0, 80)}"`);
  }
  if (computer === null && samples.length === 0)
    throw new WindowsOutputError('w32tm', 'no "Tracking" line and no samples');
  return { computer, address, samples };
}

/** The median of the successful samples' offsets, in seconds, or null when none succeeded. */
export function medianOffsetSeconds(output: StripchartOutput): number | null {
  const offsets = output.samples
    .flatMap((sample) => (sample.offsetSeconds === null ? [] : [sample.offsetSeconds]))
    .sort((a, b) => a - b);
  if (offsets.length === 0) return null;
  const middle = Math.floor(offsets.length / 2);
  return offsets.length % 2 === 1
    ? (offsets[middle] ?? null)
    : ((offsets[middle - 1] ?? 0) + (offsets[middle] ?? 0)) / 2;
}

export interface W32tmStatus {
  readonly source: string | null;
  readonly lastSuccessfulSync: string | null;
  readonly stratum: number | null;
  readonly fields: Readonly<Record<string, string>>;
}

export function parseW32tmStatus(text: string): W32tmStatus {
  const lines = splitOutputLines('w32tm', text)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const fields: Record<string, string> = {};
  for (const line of lines) {
    const match = /^([A-Za-z ]+):\s*(.*)$/.exec(line);
    if (!match) throw new WindowsOutputError('w32tm', `unrecognised status line "${line.slice(0, 80)}"`);
    fields[match[1] ?? ''] = match[2] ?? '';
  }
  if (!('Source' in fields) && !('Stratum' in fields))
    throw new WindowsOutputError('w32tm', 'no "Source" or "Stratum" line');
  const stratum = /^(\d+)/.exec(fields['Stratum'] ?? '');
  return {
    source: fields['Source'] ?? null,
    lastSuccessfulSync: fields['Last Successful Sync Time'] ?? null,
    stratum: stratum ? Number(stratum[1]) : null,
    fields,
  };
}
