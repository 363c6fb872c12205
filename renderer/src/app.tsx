/** The window: header with what machine is being checked, navigation, and the current step. */
import { HistoryView } from './views/history-view.js';
import { LiveTestView } from './views/live-test/live-test-view.js';
import { TokenInspector } from './views/token-inspector/token-inspector.js';
import { WizardView } from './views/wizard-view.js';
import { useWizard } from './store/store-context.js';

export function App() {
  const info = useWizard((state) => state.info);
  const view = useWizard((state) => state.view);
  const error = useWizard((state) => state.error);
  const showView = useWizard((state) => state.showView);
  const host = info?.host;
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">IWA Doctor</h1>
        <p className="app-machine" data-testid="machine">
          {host ? (
            <>
              Checking <strong>{host.machine}</strong>
              {host.kind === 'scenario' ? <span className="badge badge-simulation">Simulation: {host.scenario?.title}</span> : null}
            </>
          ) : info?.simulation ? (
            <span className="badge badge-simulation">Simulation mode: pick a simulated machine</span>
          ) : null}
        </p>
        <nav aria-label="Main">
          <ul className="app-nav">
            <li>
              <button type="button" aria-current={view === 'wizard' ? 'page' : undefined} onClick={() => showView('wizard')}>
                Diagnose
              </button>
            </li>
            <li>
              <button type="button" aria-current={view === 'history' ? 'page' : undefined} onClick={() => showView('history')}>
                History of changes
              </button>
            </li>
            <li>
              <button type="button" aria-current={view === 'live-test' ? 'page' : undefined} onClick={() => showView('live-test')}>
                Test sign-in
              </button>
            </li>
            <li>
              <button type="button" aria-current={view === 'token-inspector' ? 'page' : undefined} onClick={() => showView('token-inspector')}>
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
      <main className="app-main">
        {view === 'live-test' ? <LiveTestView /> : view === 'token-inspector' ? <TokenInspector /> : view === 'wizard' ? <WizardView /> : <HistoryView />}
      </main>
    </div>
  );
}
