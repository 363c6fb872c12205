/**
 * The window: header with what machine is being checked, the simple/expert switch, navigation
 * (a plain list: each page is one entry), and the current page.
 */
import type { ReactNode } from 'react';
import { useId } from 'react';
import { CaptureAnalysisView } from './views/capture-analysis/capture-analysis-view.js';
import { GlossaryView } from './views/glossary-view.js';
import { HistoryView } from './views/history-view.js';
import { LiveTestView } from './views/live-test/live-test-view.js';
import { TokenInspector } from './views/token-inspector/token-inspector.js';
import { WizardView } from './views/wizard-view.js';
import { useWizard } from './store/store-context.js';
import type { View } from './store/wizard-store.js';

function page(view: View): ReactNode {
  switch (view) {
    case 'wizard':
      return <WizardView />;
    case 'history':
      return <HistoryView />;
    case 'capture-analysis':
      return <CaptureAnalysisView />;
    case 'glossary':
      return <GlossaryView />;
    case 'token-inspector':
      return <TokenInspector />;
    case 'live-test':
      return <LiveTestView />;
  }
}

export function App() {
  const info = useWizard((state) => state.info);
  const view = useWizard((state) => state.view);
  const mode = useWizard((state) => state.mode);
  const error = useWizard((state) => state.error);
  const showView = useWizard((state) => state.showView);
  const setMode = useWizard((state) => state.setMode);
  const expertId = useId();
  const expertHintId = useId();
  const host = info?.host;
  const current = (candidate: View) => (view === candidate ? 'page' : undefined);
  return (
    <div className="app" data-mode={mode}>
      <header className="app-header">
        <h1 className="app-title">IWA Doctor</h1>
        <p className="app-machine" data-testid="machine">
          {host ? (
            <>
              Checking <strong>{host.machine}</strong>
              {host.kind === 'scenario' ? (
                <span className="badge badge-simulation">Simulation: {host.scenario?.title}</span>
              ) : null}
            </>
          ) : info?.simulation ? (
            <span className="badge badge-simulation">Simulation mode: pick a simulated machine</span>
          ) : null}
        </p>
        <div className="mode-switch">
          <input
            id={expertId}
            type="checkbox"
            checked={mode === 'expert'}
            aria-describedby={expertHintId}
            onChange={(event) => setMode(event.target.checked ? 'expert' : 'simple')}
          />
          <label htmlFor={expertId}>Expert view</label>
          <span id={expertHintId} className="visually-hidden">
            For IT staff: shows every check, id and raw output.
          </span>
        </div>
        <nav aria-label="Main" className="app-nav-container">
          <ul className="app-nav">
            <li>
              <button type="button" aria-current={current('wizard')} onClick={() => showView('wizard')}>
                Diagnose
              </button>
            </li>
            <li>
              <button type="button" aria-current={current('history')} onClick={() => showView('history')}>
                History of changes
              </button>
            </li>
            <li>
              <button
                type="button"
                aria-current={current('capture-analysis')}
                onClick={() => showView('capture-analysis')}
              >
                Analyze a capture
              </button>
            </li>
            <li>
              <button type="button" aria-current={current('glossary')} onClick={() => showView('glossary')}>
                What the words mean
              </button>
            </li>
            <li>
              <button type="button" aria-current={current('live-test')} onClick={() => showView('live-test')}>
                Test sign-in
              </button>
            </li>
            <li>
              <button
                type="button"
                aria-current={current('token-inspector')}
                onClick={() => showView('token-inspector')}
              >
                Token inspector
              </button>
            </li>
          </ul>
        </nav>
      </header>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <main className="app-main">{page(view)}</main>
    </div>
  );
}
