/**
 * What an import showed: a summary table by pattern with the causes it supports ("consistent
 * with" where it only suggests), the findings in plain words, a timeline per client from the
 * logs, the sign-in exchanges of each HAR, and what could not be read or cannot be known.
 */
import type { CaptureAnalysis } from '../../../../shared/capture/capture-analysis.js';
import type { CaptureSummaryRow } from '../../../../shared/capture/capture-patterns.js';
import type { HarExchange, HarLeg } from '../../../../shared/har/har-exchange.js';
import type { LogStep } from '../../../../shared/logs/log-analysis.js';
import type { Confidence } from '../../../../shared/model/finding.js';

const confidenceWords: Readonly<Record<Confidence, string>> = {
  confirmed: 'shown',
  likely: 'likely',
  possible: 'consistent with',
};

const maxTimelineClients = 20;
const maxExchangesPerHar = 50;

function causeText(row: CaptureSummaryRow): string {
  if (row.causes.length === 0) return row.problem ? 'no cause from this alone' : '—';
  return row.causes
    .map((entry) =>
      entry.confidence === 'possible'
        ? `consistent with ${entry.cause}`
        : `${entry.cause} (${confidenceWords[entry.confidence]})`,
    )
    .join('; ');
}

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** 401.1 0x8009030E, 200 (CONTOSO\alice): the step as IIS logged it (§5.2). */
export function stepText(step: LogStep): string {
  const code =
    step.win32 > 0xffff
      ? ` 0x${step.win32.toString(16).toUpperCase()}`
      : step.win32 > 0
        ? ` ${step.win32}`
        : '';
  const status = step.status === 401 ? `401.${step.substatus}${code}` : String(step.status);
  return step.username ? `${status} (${step.username})` : status;
}

function legText(leg: HarLeg): string {
  const sent = leg.sentRedacted ? 'sign-in header removed' : leg.sent ? leg.sent.verdict : 'no credentials';
  return `${sent} → ${leg.iisSubstatus ?? leg.status}${leg.connection ? ` (connection ${leg.connection})` : ''}`;
}

const outcomeWords: Readonly<Record<HarExchange['outcome'], string>> = {
  success: 'signed in',
  rejected: 'refused',
  error: 'error',
  unfinished: 'not answered',
};

export function CaptureAnalysisResults({ analysis }: { readonly analysis: CaptureAnalysis }) {
  const logs = analysis.logs;
  const totalBytes = analysis.files.reduce((sum, file) => sum + file.bytes, 0);
  const messages = [
    ...(logs?.messages ?? []),
    ...analysis.hars.flatMap((har) => har.messages),
    ...analysis.unreadable.map((entry) => entry.message),
  ];
  const unknowable = analysis.hars.flatMap((har) => har.unknowable.map((text) => ({ file: har.file, text })));
  return (
    <div className="capture-results">
      <p className="capture-read" data-testid="capture-read">
        Read {analysis.files.length} file{analysis.files.length === 1 ? '' : 's'} ({megabytes(totalBytes)})
        {logs ? `: ${logs.counts.records} log lines` : ''}
        {analysis.hars.length > 0
          ? `${logs ? ',' : ':'} ${analysis.hars.reduce((sum, har) => sum + har.counts.entries, 0)} browser requests`
          : ''}
        .
      </p>

      <h3>Summary by pattern</h3>
      {analysis.summary.length === 0 ? (
        <p>No sign-in pattern in these files.</p>
      ) : (
        <table className="capture-summary">
          <caption className="visually-hidden">Sign-in patterns found, problems first</caption>
          <thead>
            <tr>
              <th scope="col">Pattern</th>
              <th scope="col">What it means</th>
              <th scope="col">From</th>
              <th scope="col">Times</th>
              <th scope="col">Cause</th>
            </tr>
          </thead>
          <tbody>
            {[...analysis.summary]
              .sort((a, b) => Number(b.problem) - Number(a.problem))
              .map((row) => (
                <tr
                  key={`${row.source}-${row.kind}`}
                  data-kind={row.kind}
                  data-problem={row.problem ? 'yes' : 'no'}
                >
                  <th scope="row">
                    <code>{row.kind}</code>
                  </th>
                  <td>{row.description}</td>
                  <td>{row.source === 'log' ? 'IIS log' : 'HAR'}</td>
                  <td>{row.occurrences}</td>
                  <td>{causeText(row)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}

      <h3>Findings</h3>
      {analysis.findings.length === 0 ? (
        <p>Nothing points at a cause.</p>
      ) : (
        <ul className="capture-findings">
          {analysis.findings.map((finding, index) => (
            <li key={`${finding.cause}-${index}`} data-cause={finding.cause}>
              <p className="capture-finding-title">
                <span className={`capture-confidence capture-confidence-${finding.confidence}`}>
                  {confidenceWords[finding.confidence]}
                </span>{' '}
                <code>{finding.cause}</code>: {finding.title}
              </p>
              <p>{finding.explanation}</p>
            </li>
          ))}
        </ul>
      )}

      {logs && logs.timeline.length > 0 ? (
        <>
          <h3>Timeline per client</h3>
          <p className="capture-hint">
            Clients with problems first. Each line is one sign-in attempt: the answers IIS logged, in order
            (401.2 = asked to sign in, 401.1 = sign-in refused or still in progress).
          </p>
          {logs.timeline.slice(0, maxTimelineClients).map((client) => (
            <section key={client.client} className="capture-client" aria-label={`Client ${client.client}`}>
              <h4>
                {client.client}
                {client.problems > 0 ? (
                  <span className="capture-problems">
                    {' '}
                    — {client.problems} attempt{client.problems === 1 ? '' : 's'} with a problem
                  </span>
                ) : null}
              </h4>
              <ol className="capture-timeline">
                {client.attempts.map((attempt, index) => (
                  <li key={`${attempt.time}-${index}`} data-kind={attempt.kind}>
                    <time dateTime={attempt.time}>{attempt.time.replace('T', ' ').replace('Z', ' UTC')}</time>{' '}
                    <code>{attempt.url}</code> <strong>{attempt.kind}</strong>:{' '}
                    {attempt.steps.map(stepText).join(' → ')}
                    {attempt.stepsOmitted > 0 ? ` (and ${attempt.stepsOmitted} more)` : ''}
                  </li>
                ))}
              </ol>
              {client.attemptsOmitted > 0 ? (
                <p className="capture-hint">{client.attemptsOmitted} earlier attempts not shown.</p>
              ) : null}
            </section>
          ))}
          {logs.timeline.length > maxTimelineClients || logs.timelineClientsNotShown > 0 ? (
            <p className="capture-hint">
              {logs.timeline.length -
                Math.min(logs.timeline.length, maxTimelineClients) +
                logs.timelineClientsNotShown}{' '}
              more clients not shown.
            </p>
          ) : null}
        </>
      ) : null}

      {analysis.hars.map((har) => (
        <section key={har.file} className="capture-har" aria-label={`Browser capture ${har.file}`}>
          <h3>
            Sign-in exchanges in <code>{har.file}</code>
          </h3>
          {har.exchanges.length === 0 ? <p>None.</p> : null}
          <ol className="capture-exchanges">
            {har.exchanges.slice(0, maxExchangesPerHar).map((exchange) => (
              <li key={exchange.id} data-outcome={exchange.outcome}>
                <p>
                  {exchange.target === 'proxy' ? 'Proxy sign-in for ' : ''}
                  <code>{exchange.url}</code>: {outcomeWords[exchange.outcome]},{' '}
                  {exchange.mechanism === 'none' ? 'method not visible' : exchange.mechanism}
                </p>
                <ol className="capture-legs">
                  {exchange.legs.map((leg) => (
                    <li key={leg.index}>{legText(leg)}</li>
                  ))}
                </ol>
              </li>
            ))}
          </ol>
        </section>
      ))}

      {unknowable.length > 0 ? (
        <>
          <h3>What these files cannot tell</h3>
          <ul className="capture-unknowable">
            {unknowable.map((entry) => (
              <li key={`${entry.file}-${entry.text}`}>
                <code>{entry.file}</code>: {entry.text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {messages.length > 0 ? (
        <details className="capture-messages">
          <summary>Skipped or assumed while reading ({messages.length})</summary>
          <ul>
            {messages.map((message, index) => (
              <li key={index}>{message}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
