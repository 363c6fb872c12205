/** Gives components the one store instance; they read it with useWizard and act through its actions. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { WizardActions, WizardState, WizardStore } from './wizard-store.js';

export const WizardStoreContext = createContext<WizardStore | null>(null);

export function useWizard<T>(select: (state: WizardState & WizardActions) => T): T {
  const store = useContext(WizardStoreContext);
  if (!store) throw new Error('useWizard outside WizardStoreContext');
  return useStore(store, select);
}
