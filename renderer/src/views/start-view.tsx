/** Step 1: which address keeps asking, and what the person sees; or a saved report to read. */
import { useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { targetUrlSchema } from '../../../shared/model/target.js';
import { symptomLabel } from '../../../shared/wizard/plain-labels.js';
import { symptoms } from '../../../shared/wizard/symptoms.js';
import { useWizard } from '../store/store-context.js';
import { PlainText } from './plain-text.js';
import { StartQuestions } from './start-questions.js';

export function StartView({
  error,
  notice,
}: {
  readonly error?: string | undefined;
  readonly notice?: string | undefined;
}) {
  const draft = useWizard((state) => state.draft);
  const info = useWizard((state) => state.info);
  const busy = useWizard((state) => state.busy);
  const recentTargets = useWizard((state) => state.recentTargets);
  const editDraft = useWizard((state) => state.editDraft);
  const runDiagnosis = useWizard((state) => state.runDiagnosis);
  const loadScenario = useWizard((state) => state.loadScenario);
  const openReportFile = useWizard((state) => state.openReportFile);
  const urlId = useId();
  const urlHintId = useId();
  const scenarioId = useId();
  const reportFileId = useId();
  const urlInput = useRef<HTMLInputElement>(null);
  // The address is judged once the person leaves the field or submits, not on every keystroke.
  const [urlTouched, setUrlTouched] = useState(false);
  const urlCheck = targetUrlSchema.safeParse(draft.url);
  const urlProblem = urlCheck.success ? undefined : urlCheck.error.issues[0]?.message;
  const showUrlProblem = urlTouched && urlProblem !== undefined;
  const needsMachine = info !== null && info.host === null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setUrlTouched(true);
    if (urlProblem) {
      urlInput.current?.focus();
      return;
    }
    if (!needsMachine) void runDiagnosis();
  };

  const openFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) openReportFile(await file.text());
  };

  return (
    <section aria-labelledby="start-heading" className="step">
      <h2 id="start-heading" tabIndex={-1}>
        What is going wrong?
      </h2>
      {notice ? (
        <p role="status" className="notice">
          {notice}
        </p>
      ) : null}
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
          <p className="hint">
            This copy of IWA Doctor is not running on Windows, so it checks a simulated machine.
          </p>
        </div>
      ) : null}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={urlId}>Address of the site that asks for your password</label>
          <input
            ref={urlInput}
            id={urlId}
            type="url"
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            placeholder="https://intranet.contoso.com/app"
            value={draft.url}
            aria-describedby={urlHintId}
            aria-invalid={showUrlProblem ? true : undefined}
            onChange={(event) => editDraft({ url: event.target.value })}
            onBlur={() => draft.url.length > 0 && setUrlTouched(true)}
          />
          <p id={urlHintId} className={showUrlProblem ? 'hint hint-error' : 'hint'}>
            {showUrlProblem
              ? `Please check the address: ${urlProblem}.`
              : 'Copy it from the browser’s address bar.'}
          </p>
        </div>
        {recentTargets.length > 0 ? (
          <div className="field">
            <h3 className="field-title" id="recent-heading">
              Checked before
            </h3>
            <ul className="recent-targets" aria-labelledby="recent-heading">
              {recentTargets.slice(0, 5).map((target) => (
                <li key={`${target.url} ${target.symptom}`}>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      // A recent target brings its own answers (none: every branch).
                      editDraft({ ...target, answers: target.answers ?? {} });
                      setUrlTouched(false);
                      urlInput.current?.focus();
                    }}
                  >
                    <span className="recent-url">{target.url}</span>
                    <span className="hint"> — {symptomLabel(target.symptom)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
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
              <PlainText text={symptom.label} />
            </label>
          ))}
        </fieldset>
        <StartQuestions />
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
        {needsMachine ? <p className="hint">Choose a simulated machine above first.</p> : null}
        <button type="submit" className="primary" disabled={busy || needsMachine}>
          Find the cause
        </button>
      </form>
      <section aria-labelledby="open-report-heading" className="open-report">
        <h3 id="open-report-heading">Read a saved report</h3>
        <p className="hint">
          A report someone saved with IWA Doctor (a .json file) opens here for reading. Nothing is changed on
          this computer.
        </p>
        <label htmlFor={reportFileId} className="file-label">
          Open a saved report
        </label>
        <input
          id={reportFileId}
          type="file"
          accept=".json,application/json"
          onChange={(event) => void openFile(event)}
        />
      </section>
    </section>
  );
}
