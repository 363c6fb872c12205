/**
 * Step 5: the change was made and the checks ran again by themselves: each cause before and
 * after, the exact change, undo, and the report (which now lists the change).
 */
import { irreversibleChanges } from '../../../shared/model/change-reversibility.js';
import type { Diagnosis } from '../../../shared/model/diagnosis.js';
import type { JournalEntry } from '../../../shared/model/journal.js';
import { recheckProves, takesEffectAfter } from '../../../shared/model/restart-required.js';
import { compareCauses, fixedEverything } from '../../../shared/report/cause-comparison.js';
import { useWizard } from '../store/store-context.js';
import { BeforeAfterTable } from './before-after-table.js';
import { PlainText } from './plain-text.js';
import { ReportPanel } from './report-panel.js';
import { TicketRetest } from './ticket-retest.js';

export function VerifiedView({
  before,
  after,
  entry,
  error,
}: {
  readonly before: Diagnosis;
  readonly after: Diagnosis;
  readonly entry: JournalEntry;
  readonly error?: string | undefined;
}) {
  const undo = useWizard((state) => state.undo);
  const busy = useWizard((state) => state.busy);
  const startOver = useWizard((state) => state.startOver);
  // http.sys limits and the loopback-check list take effect only after a restart: never "fixed" before it.
  const restart = entry.restartRequired;
  const comparisons = compareCauses(before, after);
  const fixedAll = fixedEverything(comparisons);
  return (
    <section aria-labelledby="verified-heading" className="step">
      <h2 id="verified-heading" tabIndex={-1}>
        {restart
          ? takesEffectAfter(restart)
          : fixedAll
            ? 'Fixed: the checks pass now'
            : 'The change was made, but a problem remains'}
      </h2>
      <p>
        <strong>{entry.title}</strong> was applied. IWA Doctor then ran the checks again by itself:
      </p>
      <BeforeAfterTable comparisons={comparisons} />
      <h3>What was changed</h3>
      <pre tabIndex={0} className="exact-change">
        {entry.exactChange.join('\n')}
      </pre>
      {irreversibleChanges(entry.operations.map(({ operation }) => operation)).map((change) => (
        <p key={change} className="hint" data-testid="cannot-undo">
          This cannot be undone: <PlainText text={change} />.
        </p>
      ))}
      {restart ? (
        <p role="status" className="notice" data-testid="restart-required">
          <PlainText text={recheckProves(restart)} />
        </p>
      ) : null}
      {fixedAll && !restart ? (
        <p role="status" className="notice">
          Close every browser window completely and open the site again: the browser reads these settings when
          it starts.
        </p>
      ) : fixedAll ? null : (
        <p className="hint">
          Use “Check again” from the start, or save the report for IT: the remaining causes are listed in it.
        </p>
      )}
      <TicketRetest />
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <div className="actions">
        {irreversibleChanges(entry.operations.map(({ operation }) => operation)).length === 0 ? (
          <button type="button" disabled={busy} onClick={() => void undo(entry.id)}>
            Undo this change
          </button>
        ) : null}
        <button type="button" onClick={startOver}>
          Done
        </button>
      </div>
      <ReportPanel />
    </section>
  );
}
