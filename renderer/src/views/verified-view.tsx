/** Step 5: the change was made and the checks ran again: before and after, and undo. */
import type { Diagnosis } from '../../../shared/model/diagnosis.js';
import type { JournalEntry } from '../../../shared/model/journal.js';
import { useWizard } from '../store/store-context.js';

export function VerifiedView({ before, after, entry, error }: { readonly before: Diagnosis; readonly after: Diagnosis; readonly entry: JournalEntry; readonly error?: string | undefined }) {
  const undo = useWizard((state) => state.undo);
  const busy = useWizard((state) => state.busy);
  const startOver = useWizard((state) => state.startOver);
  const remaining = new Set(after.findings.map((finding) => finding.cause));
  const fixed = before.findings.filter((finding) => !remaining.has(finding.cause));
  const stillThere = before.findings.filter((finding) => remaining.has(finding.cause));
  return (
    <section aria-labelledby="verified-heading" className="step">
      <h2 id="verified-heading">{stillThere.length === 0 ? 'Fixed: the checks pass now' : 'The change was made, but a problem remains'}</h2>
      <p>{entry.title} was applied. IWA Doctor ran the checks again:</p>
      <table className="before-after">
        <caption className="visually-hidden">Before and after the change</caption>
        <thead>
          <tr>
            <th scope="col">Cause</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {before.findings.map((finding) => (
            <tr key={finding.cause} data-cause={finding.cause}>
              <th scope="row">{finding.title}</th>
              <td>Found</td>
              <td>{remaining.has(finding.cause) ? 'Still found' : 'Gone'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {fixed.length > 0 ? <p role="status">Close your browser completely and open the site again.</p> : null}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void undo(entry.id)}>
          Undo this change
        </button>
        <button type="button" onClick={startOver}>
          Done
        </button>
      </div>
    </section>
  );
}
