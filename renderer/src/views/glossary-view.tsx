/** Every Windows term the app and its reports use, explained once in plain words. */
import { glossary } from '../../../shared/wizard/glossary.js';
import { useWizard } from '../store/store-context.js';

export function GlossaryView() {
  const expert = useWizard((state) => state.mode === 'expert');
  const terms = [...glossary].sort((a, b) => a.term.localeCompare(b.term, 'en', { sensitivity: 'base' }));
  return (
    <section aria-labelledby="glossary-heading" className="step">
      <h2 id="glossary-heading" tabIndex={-1}>
        What the words mean
      </h2>
      <p className="hint">
        Windows words that IWA Doctor and its reports use. Where they appear in the app, hovering over them
        shows the same explanation.
      </p>
      <dl className="glossary">
        {terms.map((term) => (
          <div key={term.id} className="glossary-entry" id={`term-${term.id}`}>
            <dt>
              <dfn>{term.term}</dfn>
              {term.expansion ? <span className="hint"> ({term.expansion})</span> : null}
            </dt>
            <dd>
              {term.meaning}
              {term.otherForms ? (
                <span className="hint"> Also written: {term.otherForms.join(', ')}.</span>
              ) : null}
              {expert && term.reference ? <span className="hint"> Reference {term.reference}.</span> : null}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
