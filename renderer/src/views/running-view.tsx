/** Step 2: the checks are running. */
import type { Target } from '../../../shared/model/target.js';

export function RunningView({ target }: { readonly target: Target }) {
  return (
    <section aria-labelledby="running-heading" className="step" aria-busy="true">
      <h2 id="running-heading">Checking {target.url}…</h2>
      <p role="status">Reading this computer’s sign-in settings.</p>
    </section>
  );
}
