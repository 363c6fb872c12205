/**
 * Step 3: what was found, surest first, each with its evidence and fixes; what could not be
 * checked; what was ruled out (collapsed); the sign-in sequence when one was recorded; the
 * report. A saved report under review shows the same page without fixes.
 */
import type { Diagnosis } from '../../../shared/model/diagnosis.js';
import { compareCauses } from '../../../shared/report/cause-comparison.js';
import type { ReportRecheck } from '../../../shared/report/report-document.js';
import { reportHandshake } from '../../../shared/report/report-handshake.js';
import { symptomLabel } from '../../../shared/wizard/plain-labels.js';
import { rankFindings } from '../store/finding-order.js';
import { useWizard } from '../store/store-context.js';
import { BeforeAfterTable } from './before-after-table.js';
import { ChangesForAddress } from './changes-for-address.js';
import { FindingCard } from './finding-card.js';
import { HandshakeDiagram } from './handshake/handshake-diagram.js';
import { NextSteps } from './next-steps.js';
import { PlainText } from './plain-text.js';
import { ReportPanel } from './report-panel.js';
import { VerdictHeadline } from './verdict-headline.js';

function heading(count: number): string {
  if (count === 0) return 'No cause found';
  return count === 1 ? 'We found the cause' : `We found ${count} causes`;
}

export function FindingsView({
  diagnosis,
  notice,
  error,
  readOnly = false,
  recheck,
}: {
  readonly diagnosis: Diagnosis;
  readonly notice?: string | undefined;
  readonly error?: string | undefined;
  /** A saved report under review: its fixes belonged to another moment (and maybe another machine), so none are offered. */
  readonly readOnly?: boolean;
  /** A saved report made after a fix: the checks run again after that change. */
  readonly recheck?: ReportRecheck | undefined;
}) {
  const busy = useWizard((state) => state.busy);
  const expert = useWizard((state) => state.mode === 'expert');
  const startOver = useWizard((state) => state.startOver);
  const runDiagnosis = useWizard((state) => state.runDiagnosis);
  const evidenceById = new Map(diagnosis.evidence.map((item) => [item.id, item]));
  const notRun = diagnosis.probes.filter((probe) => probe.status !== 'ok');
  const findings = rankFindings(diagnosis.findings);
  const exchange = reportHandshake(diagnosis.target.url, diagnosis.evidence);
  return (
    <section aria-labelledby="findings-heading" className="step">
      <h2 id="findings-heading" tabIndex={-1}>
        {heading(findings.length)}
      </h2>
      <p className="hint">
        {diagnosis.target.url} on {diagnosis.host.machine}
        {diagnosis.host.kind === 'scenario' ? ' (simulated)' : ''}. You said:{' '}
        {symptomLabel(diagnosis.target.symptom)}.
      </p>
      {diagnosis.verdict ? <VerdictHeadline verdict={diagnosis.verdict} /> : null}
      {notice ? (
        <p role="status" className="notice">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {notRun.length > 0 ? (
        <div className="probe-problems">
          <p>
            <strong>
              {notRun.length === 1
                ? 'One check could not run, so IWA Doctor cannot rule out what it looks at:'
                : `${notRun.length} checks could not run, so IWA Doctor cannot rule out what they look at:`}
            </strong>
          </p>
          <ul>
            {notRun.map((probe) => (
              <li key={probe.probe} data-probe={probe.probe}>
                {probe.title === probe.probe ? 'A check this version cannot do yet' : probe.title}:{' '}
                {probe.message ?? (probe.status === 'failed' ? 'it failed' : 'it cannot run here')}
                {expert ? (
                  <>
                    {' '}
                    <code>{probe.probe}</code>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {findings.length > 0 ? (
        <ol className="findings">
          {findings.map((finding) => (
            <li key={finding.cause}>
              <FindingCard
                finding={finding}
                evidence={finding.evidence.flatMap((id) => evidenceById.get(id) ?? [])}
                readOnly={readOnly}
              />
            </li>
          ))}
        </ol>
      ) : (
        <NextSteps symptom={diagnosis.target.symptom} />
      )}
      {recheck ? (
        <section aria-labelledby="recheck-heading" className="recheck">
          <h3 id="recheck-heading">Checked again after the change</h3>
          <p className="hint">
            The findings above are from before the change
            {recheck.ticketsPurged ? '; these checks ran after it and after clearing Kerberos tickets' : ''}.
          </p>
          <BeforeAfterTable comparisons={compareCauses(diagnosis, recheck.diagnosis)} />
        </section>
      ) : null}
      {exchange ? (
        <section aria-labelledby="handshake-heading" className="handshake">
          <h3 id="handshake-heading">The sign-in, step by step</h3>
          <HandshakeDiagram exchange={exchange} />
        </section>
      ) : null}
      {diagnosis.ruledOut.length > 0 ? (
        <details className="ruled-out">
          <summary>What we ruled out ({diagnosis.ruledOut.length})</summary>
          <ul>
            {diagnosis.ruledOut.map((item) => (
              <li key={`${item.cause}-${item.summary}`} data-cause={item.cause}>
                <PlainText text={item.summary} />
                {expert ? (
                  <>
                    {' '}
                    <code>{item.cause}</code>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {expert ? (
        <details className="checks-run">
          <summary>Every check that ran ({diagnosis.probes.length})</summary>
          <table className="checks-table">
            <caption className="visually-hidden">Checks and their results</caption>
            <thead>
              <tr>
                <th scope="col">Check</th>
                <th scope="col">Id</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {diagnosis.probes.map((probe) => (
                <tr key={probe.probe}>
                  <td>{probe.title}</td>
                  <td>
                    <code>{probe.probe}</code>
                  </td>
                  <td>
                    {probe.status}
                    {probe.message ? `: ${probe.message}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
      {readOnly ? null : <ChangesForAddress url={diagnosis.target.url} host={diagnosis.host} />}
      <ReportPanel review={readOnly} />
      <div className="actions">
        {readOnly ? null : (
          <button type="button" disabled={busy} onClick={() => void runDiagnosis()}>
            Check again
          </button>
        )}
        <button type="button" onClick={startOver}>
          {readOnly ? 'Close the report' : 'Start over'}
        </button>
      </div>
    </section>
  );
}
