/**
 * The readable form of a capture analysis for `iwa-doctor analyze` without `--json`:
 * what was read, a summary table by pattern with the causes it supports ("consistent
 * with" where it only suggests), the findings, a short timeline per client, each HAR's
 * hosts with their connections and sign-in exchanges, and what could not be read or
 * cannot be known.
 */
import type { CaptureAnalysis } from '../../../shared/capture/capture-analysis.js';
import type { HarAnalysis, HarConnectionSummary } from '../../../shared/har/har-analysis.js';
import type { HarExchange } from '../../../shared/har/har-exchange.js';
import { logStepText } from '../../../shared/logs/log-step-text.js';

const timelineClients = 10;
const attemptsPerClient = 5;
const exchangesShown = 20;
const connectionsShown = 10;

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function connectionText(connection: HarConnectionSummary): string {
  const id = connection.id === null ? 'no connection id' : `connection ${connection.id}`;
  const server = connection.serverIp === null ? '' : ` to ${connection.serverIp}`;
  const exchanges =
    connection.exchanges.length > 0
      ? `, sign-in exchange ${connection.exchanges.map((id) => `#${id}`).join(', ')}`
      : '';
  return `${id}${server}: ${connection.requests} request${connection.requests === 1 ? '' : 's'}${exchanges}`;
}

function exchangeText(exchange: HarExchange): string {
  const legs = exchange.legs.map(
    (leg) =>
      `${leg.sentRedacted ? '[removed]' : leg.sent ? `${leg.sent.scheme} (${leg.sent.mechanism}${leg.sent.ntlmMessageType ? ` type ${leg.sent.ntlmMessageType}` : ''})` : '-'} → ${leg.iisSubstatus ?? leg.status}${leg.connection ? ` [conn ${leg.connection}]` : ''}${leg.serverIp ? ` [${leg.serverIp}]` : ''}`,
  );
  return `#${exchange.id} ${exchange.target === 'proxy' ? 'proxy ' : ''}${exchange.url}: ${exchange.outcome}, ${exchange.mechanism}: ${legs.join(', ')}`;
}

/** One HAR: per host, its connections (id + server address) and its sign-in exchanges. */
function harLines(har: HarAnalysis): string[] {
  const lines = [
    '',
    `${har.file}: ${har.counts.entries} request${har.counts.entries === 1 ? '' : 's'}, ${har.exchanges.length + har.exchangesNotListed} sign-in exchange${har.exchanges.length + har.exchangesNotListed === 1 ? '' : 's'}, ${har.hosts.length} host${har.hosts.length === 1 ? '' : 's'}`,
  ];
  let shown = 0;
  for (const host of har.hosts) {
    const connections =
      host.connections === null
        ? 'connections not recorded'
        : `${host.connections} connection${host.connections === 1 ? '' : 's'}`;
    const servers = host.serverIps.length > 0 ? `, server ${host.serverIps.join(', ')}` : '';
    lines.push(
      `  ${host.host}: ${host.requests} request${host.requests === 1 ? '' : 's'}, ${host.exchanges} sign-in exchange${host.exchanges === 1 ? '' : 's'}, ${connections}${servers}`,
    );
    for (const connection of host.connectionList.slice(0, connectionsShown))
      lines.push(`    ${connectionText(connection)}`);
    const more =
      host.connectionList.length -
      Math.min(host.connectionList.length, connectionsShown) +
      host.connectionsNotListed;
    if (more > 0) lines.push(`    and ${more} more connections`);
    for (const exchange of har.exchanges.filter((candidate) => candidate.host === host.host)) {
      if (shown >= exchangesShown) break;
      lines.push(`    ${exchangeText(exchange)}`);
      shown++;
    }
  }
  const hidden = har.exchanges.length + har.exchangesNotListed - shown;
  if (hidden > 0) lines.push(`  and ${hidden} more sign-in exchanges (see --json or the app)`);
  return lines;
}

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text.padEnd(width);
}

/** `problems`: paths that gave no file (said before everything read from the others). */
export function formatCaptureAnalysis(analysis: CaptureAnalysis, problems: readonly string[] = []): string {
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
          `    ${attempt.time} ${attempt.url} ${attempt.kind}: ${attempt.steps.map(logStepText).join(' → ')}${attempt.stepsOmitted > 0 ? ` (+${attempt.stepsOmitted})` : ''}`,
        );
      }
    }
  }

  for (const har of analysis.hars) lines.push(...harLines(har));

  const messages = [...problems, ...analysis.messages];
  if (messages.length > 0)
    lines.push('', 'Skipped or assumed while reading', ...messages.map((message) => `  ${message}`));
  const unknowable = analysis.hars.flatMap((har) => har.unknowable.map((text) => `${har.file}: ${text}`));
  if (unknowable.length > 0)
    lines.push('', 'What these captures cannot tell', ...unknowable.map((text) => `  ${text}`));
  return `${lines.join('\n')}\n`;
}
