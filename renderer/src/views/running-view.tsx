/**
 * Step 2: the checks are running, one line per check with what it looks at in plain words and
 * how far it is; a check that cannot run here says why instead of staying silent.
 */
import type { Target } from '../../../shared/model/target.js';
import type { ProbeProgress } from '../../../shared/wizard/probe-progress.js';
import { probePhaseLabels } from '../../../shared/wizard/plain-labels.js';
import { useWizard } from '../store/store-context.js';

/** A shape beside the words, so the state never depends on colour alone. */
const phaseMarks: Readonly<Record<ProbeProgress['phase'], string>> = {
  waiting: '○',
  running: '◔',
  ok: '✓',
  failed: '!',
  unavailable: '–',
};

/** The engine names a check it does not know by its id; a person reads this instead. */
function checkTitle(item: ProbeProgress): string {
  return item.title === item.probe ? 'A check this version of IWA Doctor cannot do yet' : item.title;
}

export function RunningView({
  target,
  progress,
}: {
  readonly target: Target;
  readonly progress: readonly ProbeProgress[];
}) {
  const cancelDiagnosis = useWizard((state) => state.cancelDiagnosis);
  const expert = useWizard((state) => state.mode === 'expert');
  const finished = progress.filter((item) => item.phase !== 'waiting' && item.phase !== 'running').length;
  return (
    <section aria-labelledby="running-heading" className="step" aria-busy="true">
      <h2 id="running-heading" tabIndex={-1}>
        Checking {target.url}…
      </h2>
      <p role="status">
        {progress.length === 0
          ? 'Getting ready to check this computer’s sign-in settings.'
          : `${finished} of ${progress.length} checks finished.`}
      </p>
      <p className="hint">Nothing is changed while IWA Doctor checks.</p>
      <ol className="probe-progress">
        {progress.map((item) => (
          <li key={item.probe} data-probe={item.probe} data-phase={item.phase}>
            <span className="phase-mark" aria-hidden="true">
              {phaseMarks[item.phase]}
            </span>
            <span>
              {checkTitle(item)}: <strong>{probePhaseLabels[item.phase]}</strong>
              {item.message ? <span className="hint"> ({item.message})</span> : null}
              {expert ? (
                <>
                  {' '}
                  <code>{item.probe}</code>
                </>
              ) : null}
            </span>
          </li>
        ))}
      </ol>
      <div className="actions">
        <button type="button" onClick={() => void cancelDiagnosis()}>
          Stop checking
        </button>
      </div>
    </section>
  );
}
