/** Step 1: which address keeps asking, and what the person sees. */
import { useId, type FormEvent } from 'react';
import { targetUrlSchema } from '../../../shared/model/target.js';
import { symptoms } from '../../../shared/wizard/symptoms.js';
import { useWizard } from '../store/store-context.js';

export function StartView({ error }: { readonly error?: string | undefined }) {
  const draft = useWizard((state) => state.draft);
  const info = useWizard((state) => state.info);
  const busy = useWizard((state) => state.busy);
  const editDraft = useWizard((state) => state.editDraft);
  const runDiagnosis = useWizard((state) => state.runDiagnosis);
  const loadScenario = useWizard((state) => state.loadScenario);
  const urlId = useId();
  const urlHintId = useId();
  const scenarioId = useId();
  const urlCheck = draft.url.length > 0 ? targetUrlSchema.safeParse(draft.url) : null;
  const urlProblem = urlCheck && !urlCheck.success ? urlCheck.error.issues[0]?.message : undefined;
  const needsMachine = info !== null && info.host === null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!urlProblem && draft.url.length > 0 && !needsMachine) void runDiagnosis();
  };

  return (
    <section aria-labelledby="start-heading" className="step">
      <h2 id="start-heading">What is going wrong?</h2>
      {info?.simulation ? (
        <div className="field">
          <label htmlFor={scenarioId}>Simulated machine</label>
          <select
            id={scenarioId}
            value={info.host?.scenario?.id ?? ''}
            disabled={busy}
            onChange={(event) => event.target.value && void loadScenario(event.target.value)}
          >
            <option value="">Choose a simulated Windows machine…</option>
            {info.scenarios.map((scenario) => (
              <option key={scenario.id} value={scenario.id}>
                {scenario.title}
              </option>
            ))}
          </select>
          <p className="hint">This copy of IWA Doctor is not running on Windows, so it checks a simulated machine.</p>
        </div>
      ) : null}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={urlId}>Address of the site that asks for your password</label>
          <input
            id={urlId}
            type="url"
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            placeholder="https://intranet.contoso.com/app"
            value={draft.url}
            aria-describedby={urlHintId}
            aria-invalid={urlProblem ? true : undefined}
            onChange={(event) => editDraft({ url: event.target.value })}
          />
          <p id={urlHintId} className={urlProblem ? 'hint hint-error' : 'hint'}>
            {urlProblem ?? 'Copy it from the browser’s address bar.'}
          </p>
        </div>
        <fieldset className="field">
          <legend>What do you see?</legend>
          {symptoms.map((symptom) => (
            <label key={symptom.id} className="choice">
              <input
                type="radio"
                name="symptom"
                value={symptom.id}
                checked={draft.symptom === symptom.id}
                onChange={() => editDraft({ symptom: symptom.id })}
              />
              {symptom.label}
            </label>
          ))}
        </fieldset>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={busy || needsMachine || draft.url.length === 0 || urlProblem !== undefined}>
          Find the cause
        </button>
      </form>
    </section>
  );
}
