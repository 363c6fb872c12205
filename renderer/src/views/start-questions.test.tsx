/** The start page asks the decision tree's question for the symptom, with "I do not know" always there. */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { WizardStoreContext } from '../store/store-context.js';
import { createWizardStore } from '../store/wizard-store.js';
import { StartQuestions } from './start-questions.js';

function render(setup: (store: ReturnType<typeof createWizardStore>) => void): string {
  const store = createWizardStore(async () => {
    throw new Error('no engine in this test');
  });
  setup(store);
  // A server render reads the store's initial state; here that is the state set up above.
  const rendered = { ...store, getInitialState: store.getState };
  return renderToStaticMarkup(
    <WizardStoreContext.Provider value={rendered}>
      <StartQuestions />
    </WizardStoreContext.Provider>,
  );
}

describe('StartQuestions', () => {
  it('asks where it works for "works on the server but not from my PC", with I do not know chosen first', () => {
    const html = render((store) => store.getState().editDraft({ symptom: 'works-on-server-only' }));
    expect(html).toContain('<legend>Can other people sign in from their PCs?</legend>');
    expect(html).toContain('Yes: it fails only on my PC (or a few)');
    expect(html).toMatch(/<input type="radio"[^>]*checked=""[^>]*value=""/);
    expect(html).toContain('I do not know');
  });

  it('asks a follow-up question only while the answer before leads to it', () => {
    const unanswered = render((store) => store.getState().editDraft({ symptom: 'http-401' }));
    expect(unanswered).toContain('data-question="load-balanced"');
    const server401 = render((store) => {
      store.getState().editDraft({ symptom: 'http-401' });
      store.getState().answerQuestion('which-401', '401-2');
    });
    expect(server401).toContain('data-question="which-401"');
    expect(server401).not.toContain('data-question="load-balanced"');
  });

  it('asks nothing for a symptom whose checks need no answer', () => {
    expect(render((store) => store.getState().editDraft({ symptom: 'http-400' }))).toBe('');
  });
});
