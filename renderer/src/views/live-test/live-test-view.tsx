/**
 * "Test sign-in": the person types an address and the engine signs in to the real site the way
 * a browser would, as the person signed in where the engine runs (issue 4). The answer is drawn
 * as a sequence diagram (this computer ↔ web server ↔ domain KDC, each step with its status and
 * decoded token) followed by the findings with their cause ids and evidence. Only the URL
 * leaves this window; tokens come back as decoded facts, never as base64.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { ApiResponse } from '../../../../shared/api/contract.js';
import { targetUrlSchema } from '../../../../shared/model/target.js';
import { callEngine } from '../../api/engine-api.js';
import { useWizard } from '../../store/store-context.js';
import { HandshakeDiagram } from '../handshake/handshake-diagram.js';
import { createLiveTestStore, type LiveTestStore } from './live-test-store.js';
import './live-test.css';

type LiveTestResult = ApiResponse<'live:test'>;

/** The app's one store for this view: the last result stays when the person looks elsewhere. */
const appLiveTestStore = createLiveTestStore(callEngine);

/** Findings first (cause id, plain explanation, the evidence in words, raw answers on demand), then what was ruled out. */
export function LiveTestFindings({ result }: { readonly result: LiveTestResult }) {
  const evidenceById = new Map(result.evidence.map((item) => [item.id, item]));
  const signedIn = result.exchange.verdict === 'signed-in';
  return (
    <>
      <h3 className="live-test-heading">
        {result.findings.length === 0
          ? 'No cause found'
          : result.findings.length === 1
            ? 'What the test found'
            : `What the test found (${result.findings.length})`}
      </h3>
      {result.findings.map((finding) => (
        <article
          key={finding.cause}
          className={`finding${signedIn ? ' live-test-finding-ok' : ''}`}
          data-cause={finding.cause}
          aria-labelledby={`live-finding-${finding.cause}`}
        >
          <h4 id={`live-finding-${finding.cause}`}>{finding.title}</h4>
          <p className="finding-meta">
            <span className="badge">{finding.confidence}</span> <code>{finding.cause}</code>
          </p>
          <p>{finding.explanation}</p>
          <ul className="evidence-list">
            {finding.evidence
              .flatMap((id) => evidenceById.get(id) ?? [])
              .map((item) => (
                <li key={item.id}>
                  <p>{item.summary}</p>
                  {item.raw.length > 0 ? (
                    <details>
                      <summary>What the network said</summary>
                      {item.raw.map((raw) => (
                        <figure key={raw.label} className="raw">
                          <figcaption>
                            <code>{raw.label}</code>
                          </figcaption>
                          <pre tabIndex={0}>{raw.text}</pre>
                        </figure>
                      ))}
                    </details>
                  ) : null}
                </li>
              ))}
          </ul>
        </article>
      ))}
      {result.ruledOut.length > 0 ? (
        <details className="ruled-out">
          <summary>What the test ruled out ({result.ruledOut.length})</summary>
          <ul>
            {result.ruledOut.map((item) => (
              <li key={`${item.cause}-${item.summary}`} data-cause={item.cause}>
                {item.summary}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

export function LiveTestView({ store = appLiveTestStore }: { readonly store?: LiveTestStore }) {
  const info = useWizard((state) => state.info);
  const wizardUrl = useWizard((state) => state.draft.url);
  const url = useStore(store, (state) => state.url);
  const run = useStore(store, (state) => state.run);
  const [{ setUrl, test }] = useState(() => store.getState());
  const urlId = useId();
  const hintId = useId();
  // Start from the address the wizard was given, if this view has none yet.
  useEffect(() => {
    if (store.getState().url === '' && wizardUrl !== '') store.getState().setUrl(wizardUrl);
  }, [store, wizardUrl]);

  const urlCheck = url.length > 0 ? targetUrlSchema.safeParse(url) : null;
  const urlProblem = urlCheck && !urlCheck.success ? urlCheck.error.issues[0]?.message : undefined;
  const running = run.status === 'running';
  const simulated = info?.simulation === true || info?.host?.kind === 'scenario';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void test();
  };

  return (
    <section aria-labelledby="live-test-title" className="step live-test">
      <h2 id="live-test-title">Test sign-in</h2>
      <p>
        Signs in to the site the way a browser does, as you: it asks without credentials, gets a Kerberos
        ticket from the domain controller (KDC, the server that hands out sign-in tickets), sends it, and
        shows every step.
      </p>
      {simulated ? (
        <p className="live-test-real-network" data-testid="live-test-real-network">
          <strong>This test uses the real network.</strong> It runs on the computer where IWA Doctor’s engine
          runs
          {info?.transport === 'web' ? ' (the program serving this page, not the browser)' : ''}, with the
          sign-in of the person logged on there — not the simulated machine picked for the diagnosis.
        </p>
      ) : null}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={urlId}>Address of the site to test</label>
          <input
            id={urlId}
            type="url"
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            placeholder="https://intranet.contoso.com/app"
            value={url}
            aria-describedby={hintId}
            aria-invalid={urlProblem ? true : undefined}
            onChange={(event) => setUrl(event.target.value)}
          />
          <p id={hintId} className={urlProblem ? 'hint hint-error' : 'hint'}>
            {urlProblem ??
              'Only this address is sent to the engine. Tokens are shown decoded, never in full.'}
          </p>
        </div>
        <div className="actions">
          <button
            type="submit"
            className="primary"
            disabled={running || url.length === 0 || urlProblem !== undefined}
          >
            Test sign-in
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {run.status === 'running' ? (
          <p role="status" className="hint">
            Testing sign-in to {run.url}… Each step waits at most a few seconds.
          </p>
        ) : null}
        {run.status === 'error' ? (
          <p role="alert" className="error">
            The test could not run: {run.message}
          </p>
        ) : null}
        {run.status === 'done' ? (
          <div className="live-test-result" data-verdict={run.result.exchange.verdict}>
            <HandshakeDiagram exchange={run.result.exchange} />
            <LiveTestFindings result={run.result} />
            <p className="hint">Took {(run.result.elapsedMs / 1000).toFixed(1)} s.</p>
          </div>
        ) : null}
      </div>
    </section>
  );
}
