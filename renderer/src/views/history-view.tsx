/** Every change IWA Doctor made, from the journal (it survives restarts), with undo. */
import { useWizard } from '../store/store-context.js';

const stateLabels = { pending: 'Interrupted', applied: 'Applied', failed: 'Failed (rolled back)', undone: 'Undone' } as const;

export function HistoryView() {
  const journal = useWizard((state) => state.journal);
  const busy = useWizard((state) => state.busy);
  const undo = useWizard((state) => state.undo);
  return (
    <section aria-labelledby="history-heading" className="step">
      <h2 id="history-heading">History of changes</h2>
      {journal.length === 0 ? <p>IWA Doctor has not changed anything yet.</p> : null}
      <ol className="history">
        {journal.map((entry) => (
          <li key={entry.id} data-state={entry.state}>
            <p>
              <strong>{entry.title}</strong> for {entry.targetUrl} on {entry.machine} — {stateLabels[entry.state]}
            </p>
            <p className="hint">
              <time dateTime={entry.createdAt}>{new Date(entry.createdAt).toLocaleString()}</time>
            </p>
            <pre tabIndex={0}>{entry.exactChange.join('\n')}</pre>
            {entry.state === 'applied' ? (
              <button type="button" disabled={busy} onClick={() => void undo(entry.id)}>
                Undo
              </button>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
