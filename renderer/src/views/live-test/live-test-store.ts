/**
 * State of the "Test sign-in" view, in its own small zustand vanilla store beside the wizard's:
 * the address typed, and the running / finished / failed test. One mutation path (style.md):
 * the view calls `setUrl` and `run`, never sets state itself. Only the URL goes to the engine
 * (`live:test`); it is checked here first with the same schema the engine validates with.
 */
import { createStore } from 'zustand/vanilla';
import type { ApiResponse } from '../../../../shared/api/contract.js';
import { targetUrlSchema } from '../../../../shared/model/target.js';
import type { EngineCaller } from '../../store/wizard-store.js';

export type LiveTestRun =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly url: string }
  | { readonly status: 'done'; readonly result: ApiResponse<'live:test'> }
  | { readonly status: 'error'; readonly message: string };

export interface LiveTestState {
  readonly url: string;
  readonly run: LiveTestRun;
  setUrl(url: string): void;
  /** Tests the address typed; a second call while one runs does nothing. */
  test(): Promise<void>;
}

export type LiveTestStore = ReturnType<typeof createLiveTestStore>;

export function createLiveTestStore(callEngine: EngineCaller, initialUrl = '') {
  return createStore<LiveTestState>()((set, get) => ({
    url: initialUrl,
    run: { status: 'idle' },
    setUrl(url) {
      set({ url });
    },
    async test() {
      if (get().run.status === 'running') return;
      const parsed = targetUrlSchema.safeParse(get().url);
      if (!parsed.success) {
        set({
          run: {
            status: 'error',
            message: parsed.error.issues[0]?.message ?? 'enter the address of the site',
          },
        });
        return;
      }
      set({ run: { status: 'running', url: parsed.data } });
      try {
        const result = await callEngine('live:test', { url: parsed.data });
        set({ run: { status: 'done', result } });
      } catch (error) {
        set({ run: { status: 'error', message: error instanceof Error ? error.message : String(error) } });
      }
    },
  }));
}
