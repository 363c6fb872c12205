/**
 * Step 4: the exact change, before anything is touched; the person confirms it. A change to the
 * whole computer or to IIS says first that Windows will ask an administrator (UAC). While it is
 * applied, the same page says what happens: the change, then the checks again.
 */
import type { ChangePlan } from '../../../shared/model/change-plan.js';
import { irreversibleChanges } from '../../../shared/model/change-reversibility.js';
import { useWizard } from '../store/store-context.js';
import { PlainText } from './plain-text.js';
import { ScopeBadge } from './scope-badge.js';

export function PreviewView({
  plan,
  applying,
  error,
}: {
  readonly plan: ChangePlan;
  readonly applying: boolean;
  readonly error?: string | undefined;
}) {
  const applyRemedy = useWizard((state) => state.applyRemedy);
  const cancelPreview = useWizard((state) => state.cancelPreview);
  const expert = useWizard((state) => state.mode === 'expert');
  return (
    <section aria-labelledby="preview-heading" className="step" aria-busy={applying}>
      <h2 id="preview-heading" tabIndex={-1}>
        {plan.title}: this is exactly what will change
      </h2>
      <p>
        <PlainText text={plan.summary} />
      </p>
      <p>
        <ScopeBadge scope={plan.scope} />
        {expert ? <code className="hint"> {plan.remedy}</code> : null}
      </p>
      <h3>The change</h3>
      <pre className="exact-change" tabIndex={0} role="region" aria-label="Exact change">
        {plan.exactChange.join('\n')}
      </pre>
      {irreversibleChanges(plan.operations).length > 0 ? (
        <p className="notice" data-testid="cannot-undo">
          <strong>This change cannot be undone.</strong> What IWA Doctor can keep is saved in the History of
          changes; “Good to know” below says what that means for you.
        </p>
      ) : (
        <p className="hint">
          The current values are saved first, so you can undo this here afterwards or later from the History
          of changes.
        </p>
      )}
      {plan.needsElevation ? (
        <p className="elevation-notice" data-testid="elevation-notice">
          <strong>Administrator permission needed.</strong> This changes settings for the whole computer or
          the web server, so Windows will ask an administrator to confirm (a{' '}
          <abbr title="User Account Control: the Windows prompt that asks an administrator to confirm a change to the whole computer">
            UAC
          </abbr>{' '}
          prompt). If you are not an administrator, save the report below the findings and send it to IT
          instead.
        </p>
      ) : null}
      {plan.notes.length > 0 ? (
        <>
          <h3>Good to know</h3>
          <ul className="notes">
            {plan.notes.map((note) => (
              <li key={note}>
                <PlainText text={note} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {applying ? (
        <p role="status" className="notice">
          {plan.needsElevation
            ? 'Waiting for the administrator’s confirmation, then applying the change…'
            : 'Applying the change…'}{' '}
          Then IWA Doctor runs the checks again.
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
