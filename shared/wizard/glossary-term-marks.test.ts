/** Glossary terms are found where they appear, once each, never inside longer words. */
import { describe, expect, it } from 'vitest';
import { glossary } from './glossary.js';
import { markTerms, type TextPart } from './glossary-term-marks.js';

const marked = (parts: TextPart[]) =>
  parts.flatMap((part) => (typeof part === 'string' ? [] : [`${part.term.id}:${part.text}`]));

describe('markTerms', () => {
  it('marks abbreviations and words, the first occurrence of each only', () => {
    const parts = markTerms(
      'The SPN is missing, so Kerberos fails and the browser falls back to NTLM; the SPN must be added.',
      glossary,
    );
    expect(marked(parts)).toEqual(['spn:SPN', 'kerberos:Kerberos', 'ntlm:NTLM']);
    expect(parts.map((part) => (typeof part === 'string' ? part : part.text)).join('')).toBe(
      'The SPN is missing, so Kerberos fails and the browser falls back to NTLM; the SPN must be added.',
    );
  });

  it('matches words in any case and plurals, abbreviations only in capitals, and not inside longer words', () => {
    expect(marked(markTerms('Two zones, an spn and SPNEGO tokens', glossary))).toEqual(['zone:zones']);
    expect(marked(markTerms('registered SPNs', glossary))).toEqual(['spn:SPNs']);
  });

  it('prefers the longer of two terms that start at the same place, and matches the spelled-out form', () => {
    expect(marked(markTerms('kernel-mode authentication is on; Service Principal Name', glossary))).toEqual([
      'kernel-mode:kernel-mode authentication',
      'spn:Service Principal Name',
    ]);
  });

  it('returns the text unchanged when no term appears', () => {
    expect(markTerms('Nothing to see here.', glossary)).toEqual(['Nothing to see here.']);
    expect(markTerms('', glossary)).toEqual([]);
  });
});
