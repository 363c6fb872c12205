/**
 * What an import showed: a summary table by pattern with the causes it supports ("consistent
 * with" where it only suggests), the findings in plain words, a timeline per client from the
 * logs, each HAR's hosts with their connections and sign-in exchanges, and what could not be
 * read or cannot be known.
 */
import type { CaptureAnalysis } from '../../../../shared/capture/capture-analysis.js';
import type { CaptureSummaryRow } from '../../../../shared/capture/capture-patterns.js';
import type { HarAnalysis, HarConnectionSummary } from '../../../../shared/har/har-analysis.js';
import type { HarExchange, HarLeg } from '../../../../shared/har/har-exchange.js';
import { logStepText } from '../../../../shared/logs/log-step-text.js';
import type { Confidence } from '../../../../shared/model/finding.js';

const confidenceWords: Readonly<Record<Confidence, string>> = {
  confirmed: 'shown',
  likely: 'likely',
  possible: 'consistent with',
};

const maxTimelineClients = 20;
const maxExchangesPerHost = 50;
const maxConnectionsShown = 20;

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

function legText(leg: HarLeg): string {
  const sent = leg.sentRedacted ? 'sign-in header removed' : leg.sent ? leg.sent.verdict : 'no credentials';
  const where = [
    leg.connection ? `connection ${leg.connection}` : '',
    leg.serverIp ? `server ${leg.serverIp}` : '',
  ].filter((part) => part !== '');
  return `${sent} → ${leg.iisSubstatus ?? leg.status}${where.length > 0 ? ` (${where.join(', ')})` : ''}`;
}

function connectionName(connection: HarConnectionSummary): string {
  return connection.id === null ? 'no connection id' : `connection ${connection.id}`;
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
  const messages = analysis.messages;
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
                    {attempt.steps.map(logStepText).join(' → ')}
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
        <HarResults key={har.file} har={har} />
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

/**
 * One HAR: a table of its hosts with their connections (HAR connection id and the server
 * address that answered, §7.5), then the sign-in exchanges of each host.
 */
function HarResults({ har }: { readonly har: HarAnalysis }) {
  const byHost = new Map<string, HarExchange[]>();
  for (const exchange of har.exchanges) {
    const list = byHost.get(exchange.host) ?? [];
    list.push(exchange);
    byHost.set(exchange.host, list);
  }
  return (
    <section className="capture-har" aria-label={`Browser capture ${har.file}`}>
      <h3>
        Sign-in exchanges in <code>{har.file}</code>
      </h3>
      {har.hosts.length > 0 ? (
        <table className="capture-hosts">
          <caption>Hosts and connections</caption>
          <thead>
            <tr>
              <th scope="col">Host</th>
              <th scope="col">Requests</th>
              <th scope="col">Sign-in exchanges</th>
              <th scope="col">Connections (id, server address: requests, exchanges)</th>
            </tr>
          </thead>
          <tbody>
            {har.hosts.map((host) => (
              <tr key={host.host} data-host={host.host}>
                <th scope="row">
                  <code>{host.host}</code>
                </th>
                <td>{host.requests}</td>
                <td>{host.exchanges}</td>
                <td>
                  {host.connections === null ? (
                    'not recorded in this HAR'
                  ) : (
                    <ul className="capture-connections">
                      {host.connectionList.slice(0, maxConnectionsShown).map((connection) => (
                        <li
                          key={`${connection.id ?? ''} ${connection.serverIp ?? ''}`}
                          data-connection={connection.id ?? ''}
                        >
                          {connectionName(connection)}
                          {connection.serverIp ? ` → ${connection.serverIp}` : ''}: {connection.requests}{' '}
                          request{connection.requests === 1 ? '' : 's'}
                          {connection.exchanges.length > 0
                            ? `, exchange ${connection.exchanges.map((id) => `#${id}`).join(', ')}`
                            : ''}
                        </li>
                      ))}
                      {host.connectionList.length > maxConnectionsShown || host.connectionsNotListed > 0 ? (
                        <li>
                          and{' '}
                          {host.connectionList.length -
                            Math.min(host.connectionList.length, maxConnectionsShown) +
                            host.connectionsNotListed}{' '}
                          more
                        </li>
                      ) : null}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {har.exchanges.length === 0 ? <p>No sign-in exchange.</p> : null}
      {[...byHost].map(([host, exchanges]) => (
        <section key={host} className="capture-har-host" aria-label={`Sign-in exchanges with ${host}`}>
          <h4>
            <code>{host}</code>
          </h4>
          <ol className="capture-exchanges">
            {exchanges.slice(0, maxExchangesPerHost).map((exchange) => (
              <li key={exchange.id} data-outcome={exchange.outcome} data-exchange={exchange.id}>
                <p>
                  #{exchange.id} {exchange.target === 'proxy' ? 'Proxy sign-in for ' : ''}
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
          {exchanges.length > maxExchangesPerHost ? (
            <p className="capture-hint">
              {exchanges.length - maxExchangesPerHost} more exchanges with this host not shown.
            </p>
          ) : null}
        </section>
      ))}
      {har.exchangesNotListed > 0 ? (
        <p className="capture-hint">
          {har.exchangesNotListed} more sign-in exchanges are counted in the summary but not listed.
        </p>
      ) : null}
    </section>
  );
}
