/**
 * The readable form of a capture analysis for `iwa-doctor analyze` without `--json`:
 * what was read, a summary table by pattern with the causes it supports ("consistent
 * with" where it only suggests), the findings, a short timeline per client, and what
 * could not be read or cannot be known.
 */
import type { CaptureAnalysis } from '../../../shared/capture/capture-analysis.js';
import type { LogStep } from '../../../shared/logs/log-analysis.js';

const timelineClients = 10;
const attemptsPerClient = 5;

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function stepText(step: LogStep): string {
  const code =
    step.win32 > 0xffff
      ? ` 0x${step.win32.toString(16).toUpperCase()}`
      : step.win32 > 0
        ? ` ${step.win32}`
        : '';
  const status = step.status === 401 ? `401.${step.substatus}${code}` : String(step.status);
  return step.username ? `${status} (${step.username})` : status;
}

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text.padEnd(width);
}

export function formatCaptureAnalysis(analysis: CaptureAnalysis): string {
  const lines: string[] = [];
  const logFiles = analysis.files.filter((file) => file.kind === 'log').length;
  const harFiles = analysis.files.length - logFiles;
  const totalBytes = analysis.files.reduce((sum, file) => sum + file.bytes, 0);
  const read = [
    `Read ${analysis.files.length} file${analysis.files.length === 1 ? '' : 's'} (${logFiles} log, ${harFiles} HAR), ${megabytes(totalBytes)}`,
  ];
  if (analysis.logs) read.push(`${analysis.logs.counts.records} log records`);
  if (analysis.hars.length > 0)
    read.push(`${analysis.hars.reduce((sum, har) => sum + har.counts.entries, 0)} HAR requests`);
  lines.push(`${read.join(', ')}.`, '');

  lines.push('Summary by pattern');
  if (analysis.summary.length === 0) lines.push('  no sign-in pattern found');
  else {
    lines.push(`  ${pad('pattern', 26)}${pad('from', 6)}${pad('times', 8)}causes`);
    for (const row of analysis.summary) {
      const causes = row.causes
        .map((entry) =>
          entry.confidence === 'possible'
            ? `consistent with ${entry.cause}`
            : `${entry.cause} (${entry.confidence})`,
        )
        .join('; ');
      lines.push(
        `  ${pad(row.kind, 26)}${pad(row.source, 6)}${pad(String(row.occurrences), 8)}${causes || '-'}`,
      );
    }
  }
  lines.push('');

  lines.push('Findings');
  if (analysis.findings.length === 0) lines.push('  none');
  for (const finding of analysis.findings) {
    const how = finding.confidence === 'possible' ? 'consistent with' : finding.confidence;
    lines.push(`  [${how}] ${finding.cause}: ${finding.title}`, `      ${finding.explanation}`);
  }

  const timeline = analysis.logs?.timeline ?? [];
  if (timeline.length > 0) {
    lines.push(
      '',
      `Timeline per client (clients with problems first; ${Math.min(timeline.length, timelineClients)} of ${timeline.length})`,
    );
    for (const client of timeline.slice(0, timelineClients)) {
      lines.push(
        `  ${client.client}${client.problems > 0 ? ` — ${client.problems} problem attempt${client.problems === 1 ? '' : 's'}` : ''}`,
      );
      for (const attempt of client.attempts.slice(-attemptsPerClient)) {
        lines.push(
          `    ${attempt.time} ${attempt.url} ${attempt.kind}: ${attempt.steps.map(stepText).join(' → ')}${attempt.stepsOmitted > 0 ? ` (+${attempt.stepsOmitted})` : ''}`,
        );
      }
    }
  }

  for (const har of analysis.hars) {
    lines.push(
      '',
      `${har.file}: ${har.exchanges.length} sign-in exchange${har.exchanges.length === 1 ? '' : 's'}`,
    );
    for (const exchange of har.exchanges.slice(0, 20)) {
      const legs = exchange.legs.map(
        (leg) =>
          `${leg.sentRedacted ? '[removed]' : leg.sent ? `${leg.sent.scheme} (${leg.sent.mechanism}${leg.sent.ntlmMessageType ? ` type ${leg.sent.ntlmMessageType}` : ''})` : '-'} → ${leg.iisSubstatus ?? leg.status}${leg.connection ? ` [conn ${leg.connection}]` : ''}`,
      );
      lines.push(
        `  ${exchange.target === 'proxy' ? 'proxy ' : ''}${exchange.url}: ${exchange.outcome}, ${exchange.mechanism}: ${legs.join(', ')}`,
      );
    }
  }

  const messages = [
    ...(analysis.logs?.messages ?? []),
    ...analysis.hars.flatMap((har) => har.messages),
    ...analysis.unreadable.map((entry) => entry.message),
  ];
  if (messages.length > 0)
    lines.push('', 'Skipped or assumed while reading', ...messages.map((message) => `  ${message}`));
  const unknowable = analysis.hars.flatMap((har) => har.unknowable.map((text) => `${har.file}: ${text}`));
  if (unknowable.length > 0)
    lines.push('', 'What these captures cannot tell', ...unknowable.map((text) => `  ${text}`));
  return `${lines.join('\n')}\n`;
}
