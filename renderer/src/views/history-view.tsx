/**
 * Every change IWA Doctor made, from the journal: it is kept on disk, so it is still here after
 * the app is closed or the computer restarts, and each applied change can be undone from here.
 */
import { irreversibleChanges } from '../../../shared/model/change-reversibility.js';
import { takesEffectAfter } from '../../../shared/model/restart-required.js';
import { scopeLabels } from '../../../shared/wizard/plain-labels.js';
import { useWizard } from '../store/store-context.js';

const stateLabels = {
  pending: 'Interrupted',
  applied: 'Applied',
  failed: 'Failed (rolled back)',
  undone: 'Undone',
} as const;

export function HistoryView() {
  const journal = useWizard((state) => state.journal);
  const busy = useWizard((state) => state.busy);
  const undo = useWizard((state) => state.undo);
  const reportStatus = useWizard((state) => state.reportStatus);
  const expert = useWizard((state) => state.mode === 'expert');
  return (
    <section aria-labelledby="history-heading" className="step">
      <h2 id="history-heading" tabIndex={-1}>
        History of changes
      </h2>
      <p className="hint">
        Every change IWA Doctor made on this computer, newest first. The list is kept after IWA Doctor closes,
        so a change can be undone later.
      </p>
      <p role="status" className="notice">
        {reportStatus}
      </p>
      {journal.length === 0 ? <p>IWA Doctor has not changed anything yet.</p> : null}
      <ol className="history">
        {journal.map((entry) => (
          <li key={entry.id} data-state={entry.state}>
            <p id={`change-${entry.id}`}>
              <strong>{entry.title}</strong> for {entry.targetUrl} on {entry.machine}:{' '}
              {entry.state === 'applied' && entry.restartRequired
                ? takesEffectAfter(entry.restartRequired)
                : stateLabels[entry.state]}
            </p>
            <p className="hint">
              <time dateTime={entry.createdAt}>{new Date(entry.createdAt).toLocaleString()}</time> (
              {scopeLabels[entry.scope]})
              {entry.undoneAt ? (
                <>
                  ; undone <time dateTime={entry.undoneAt}>{new Date(entry.undoneAt).toLocaleString()}</time>
                </>
              ) : null}
              {expert ? (
                <>
                  {' '}
                  <code>{entry.id}</code> <code>{entry.remedy}</code>
                </>
              ) : null}
            </p>
            <pre tabIndex={0}>{entry.exactChange.join('\n')}</pre>
            {entry.error ? <p className="error">{entry.error}</p> : null}
            {(entry.state === 'applied'
              ? irreversibleChanges(entry.operations.map(({ operation }) => operation))
              : []
            ).map((change) => (
              <p key={change} className="hint">
                Cannot be undone: {change}.
              </p>
            ))}
            {entry.state === 'applied' &&
            irreversibleChanges(entry.operations.map(({ operation }) => operation)).length === 0 ? (
              <button
                type="button"
                disabled={busy}
                aria-describedby={`change-${entry.id}`}
                onClick={() => void undo(entry.id)}
              >
                Undo
              </button>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
