/** Each Windows term is explained once, in a sentence or two, and the words the wizard itself uses are all there. */
import { describe, expect, it } from 'vitest';
import { glossary, glossaryTerm } from './glossary.js';

describe('glossary', () => {
  it('explains each term once, under one id', () => {
    const ids = glossary.map((term) => term.id);
    const terms = glossary.map((term) => term.term.toLowerCase());
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(terms).size).toBe(terms.length);
  });

  it('explains in one or two plain sentences', () => {
    for (const term of glossary) {
      const sentences = term.meaning.split(/(?<=[.!?])\s+/).filter((sentence) => sentence.length > 0);
      expect(sentences.length, term.id).toBeGreaterThanOrEqual(1);
      expect(sentences.length, term.id).toBeLessThanOrEqual(2);
      expect(term.meaning, term.id).toMatch(/\.$/);
    }
  });

  it('holds every Windows term the wizard’s own screens use', () => {
    // Words in the fixed texts of the start, preview, verified and report steps.
    for (const id of [
      'iwa',
      'kerberos',
      'ntlm',
      'spn',
      'uac',
      'iis',
      'zone',
      'registry',
      'internet-options',
      'active-directory',
      'domain-controller',
      '401',
    ])
      expect(glossaryTerm(id), id).toBeDefined();
  });
});
