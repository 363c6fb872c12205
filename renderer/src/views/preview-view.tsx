/** Step 4: the exact change, before anything is touched. */
import type { ChangePlan } from '../../../shared/model/change-plan.js';
import { useWizard } from '../store/store-context.js';
import { ScopeBadge } from './scope-badge.js';

export function PreviewView({ plan, applying, error }: { readonly plan: ChangePlan; readonly applying: boolean; readonly error?: string | undefined }) {
  const applyRemedy = useWizard((state) => state.applyRemedy);
  const cancelPreview = useWizard((state) => state.cancelPreview);
  return (
    <section aria-labelledby="preview-heading" className="step" aria-busy={applying}>
      <h2 id="preview-heading">{plan.title}: this is exactly what will change</h2>
      <p>{plan.summary}</p>
      <ScopeBadge scope={plan.scope} />
      <h3>The change</h3>
      <pre className="exact-change" tabIndex={0} aria-label="Exact change">
        {plan.exactChange.join('\n')}
      </pre>
      <p className="hint">The current values are saved first, so you can undo this from the History of changes.</p>
      {plan.notes.length > 0 ? (
        <ul className="notes">
          {plan.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="primary" disabled={applying} onClick={() => void applyRemedy()}>
          {applying ? 'Applying…' : 'Apply the change'}
        </button>
        <button type="button" disabled={applying} onClick={cancelPreview}>
          Cancel
        </button>
      </div>
    </section>
  );
}
