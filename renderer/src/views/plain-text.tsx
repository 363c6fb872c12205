/**
 * A sentence with its Windows terms explained where they appear: each glossary term becomes
 * an <abbr> whose tooltip says what it means (the Glossary page has them all, for keyboard
 * and screen-reader users who cannot hover).
 */
import { glossary } from '../../../shared/wizard/glossary.js';
import { markTerms } from '../../../shared/wizard/glossary-term-marks.js';

export function PlainText({ text }: { readonly text: string }) {
  return (
    <>
      {markTerms(text, glossary).map((part, index) =>
        typeof part === 'string' ? (
          part
        ) : (
          <abbr
            key={index}
            className="term"
            title={`${part.term.expansion ? `${part.term.expansion}: ` : ''}${part.term.meaning}`}
          >
            {part.text}
          </abbr>
        ),
      )}
    </>
  );
}
