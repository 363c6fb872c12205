import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { callEngine } from './api/engine-api.js';
import { App } from './app.js';
import { WizardStoreContext } from './store/store-context.js';
import { createWizardStore } from './store/wizard-store.js';
import './app.css';

const store = createWizardStore(callEngine);
void store.getState().initialise();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <WizardStoreContext.Provider value={store}>
        <App />
      </WizardStoreContext.Provider>
    </StrictMode>,
  );
}
