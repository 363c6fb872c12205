/**
 * The renderer's state, in one zustand vanilla store with one mutation path: components
 * call these actions and never set state themselves. Created with an engine caller so the
 * logic can be tested without React or a window (style.md).
 */
import { createStore } from 'zustand/vanilla';
import type { ApiChannel, ApiRequest, ApiResponse } from '../../../shared/api/contract.js';
import type { JournalEntry } from '../../../shared/model/journal.js';
import type { Target } from '../../../shared/model/target.js';
import type { WizardStep } from './wizard-steps.js';

export type EngineCaller = <C extends ApiChannel>(channel: C, request: ApiRequest<C>) => Promise<ApiResponse<C>>;

export type View = 'wizard' | 'history';

export interface WizardState {
  readonly info: ApiResponse<'app:info'> | null;
  readonly view: View;
  readonly step: WizardStep;
  /** The start form's values, kept when the person goes back. */
  readonly draft: Target;
  readonly journal: readonly JournalEntry[];
  readonly busy: boolean;
  /** An error outside any step (loading the app, the history). */
  readonly error: string | null;
}

export interface WizardActions {
  initialise(): Promise<void>;
  showView(view: View): void;
  editDraft(change: Partial<Target>): void;
  loadScenario(id: string): Promise<void>;
  runDiagnosis(): Promise<void>;
  previewRemedy(offerId: string): Promise<void>;
  cancelPreview(): void;
  applyRemedy(): Promise<void>;
  undo(entryId: string): Promise<void>;
  refreshJournal(): Promise<void>;
  startOver(): void;
}

export type WizardStore = ReturnType<typeof createWizardStore>;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createWizardStore(callEngine: EngineCaller) {
  return createStore<WizardState & WizardActions>()((set, get) => ({
    info: null,
    view: 'wizard',
    step: { kind: 'start' },
    draft: { url: '', symptom: 'prompt-once-per-session' },
    journal: [],
    busy: false,
    error: null,

    async initialise() {
      try {
        const info = await callEngine('app:info', {});
        set({ info, error: null, ...(info.target ? { draft: info.target } : {}) });
        await get().refreshJournal();
      } catch (error) {
        set({ error: `IWA Doctor could not start its engine: ${messageOf(error)}` });
      }
    },

    showView(view) {
      set({ view });
      if (view === 'history') void get().refreshJournal();
    },

    editDraft(change) {
      set({ draft: { ...get().draft, ...change } });
    },

    async loadScenario(id) {
      set({ busy: true });
      try {
        const loaded = await callEngine('scenario:load', { id });
        const info = get().info;
        set({ draft: loaded.target, step: { kind: 'start' }, info: info ? { ...info, host: loaded.host } : info });
      } catch (error) {
        set({ step: { kind: 'start', error: messageOf(error) } });
      } finally {
        set({ busy: false });
      }
    },

    async runDiagnosis() {
      const target = get().draft;
      set({ step: { kind: 'running', target }, busy: true, view: 'wizard' });
      try {
        const diagnosis = await callEngine('diagnosis:run', target);
        set({ step: { kind: 'findings', diagnosis } });
      } catch (error) {
        set({ step: { kind: 'start', error: messageOf(error) } });
      } finally {
        set({ busy: false });
      }
    },

    async previewRemedy(offerId) {
      const step = get().step;
      if (step.kind !== 'findings') return;
      const offer = step.diagnosis.findings.flatMap((finding) => finding.remedies).find((candidate) => candidate.offerId === offerId);
      if (!offer) return;
      set({ busy: true });
      try {
        const plan = await callEngine('remedy:preview', { offerId });
        set({ step: { kind: 'preview', diagnosis: step.diagnosis, offer, plan } });
      } catch (error) {
        set({ step: { ...step, error: messageOf(error) } });
      } finally {
        set({ busy: false });
      }
    },

    cancelPreview() {
      const step = get().step;
      if (step.kind === 'preview') set({ step: { kind: 'findings', diagnosis: step.diagnosis } });
    },

    async applyRemedy() {
      const step = get().step;
      if (step.kind !== 'preview') return;
      set({ step: { kind: 'applying', diagnosis: step.diagnosis, offer: step.offer, plan: step.plan }, busy: true });
      try {
        const { entry, verification } = await callEngine('remedy:apply', { offerId: step.offer.offerId });
        set({ step: { kind: 'verified', before: step.diagnosis, after: verification, entry } });
        await get().refreshJournal();
      } catch (error) {
        set({ step: { ...step, error: messageOf(error) } });
      } finally {
        set({ busy: false });
      }
    },

    async undo(entryId) {
      set({ busy: true });
      const step = get().step;
      try {
        const { entry, verification } = await callEngine('journal:undo', { entryId });
        await get().refreshJournal();
        if (verification) {
          set({ view: 'wizard', step: { kind: 'findings', diagnosis: verification, notice: `Undone: ${entry.title}. The previous settings are back.` } });
        }
      } catch (error) {
        if (step.kind === 'verified') set({ step: { ...step, error: messageOf(error) } });
        else set({ error: messageOf(error) });
      } finally {
        set({ busy: false });
      }
    },

    async refreshJournal() {
      try {
        const journal = await callEngine('journal:list', {});
        set({ journal: [...journal].reverse() });
      } catch (error) {
        set({ error: `The history could not be read: ${messageOf(error)}` });
      }
    },

    startOver() {
      set({ step: { kind: 'start' }, view: 'wizard' });
    },
  }));
}
