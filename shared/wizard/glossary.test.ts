/**
 * Each Windows term is explained once, in a sentence or two; the words the wizard itself uses
 * are all there; and every text of the cause catalog and the wizard's own labels passes the
 * coverage scan (the scenario diagnoses are scanned in electron/engine/glossary-coverage.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { causeCatalog } from '../causes/cause-catalog.js';
import { glossary, glossaryTerm } from './glossary.js';
import {
  glossaryTermWritten,
  unexplainedTerms,
  windowsNameShapes,
  windowsTermPatterns,
} from './glossary-coverage.js';
import { probePhaseLabels, scopeLabels } from './plain-labels.js';
import { symptoms } from './symptoms.js';

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

  it('explains the terms an audit found missing', () => {
    for (const id of [
      'loopback-check',
      'back-connection-host-names',
      'use-app-pool-credentials',
      'max-field-length',
      'max-request-bytes',
      'setspn',
      'klist',
      'appcmd',
      'pre-authentication',
    ])
      expect(glossaryTerm(id), id).toBeDefined();
  });

  it('has an entry for every Windows word the coverage scan looks for, and each written form finds its entry', () => {
    for (const { glossaryId } of windowsTermPatterns)
      expect(glossaryTerm(glossaryId), glossaryId).toBeDefined();
    for (const term of glossary) {
      for (const form of [term.term, ...(term.expansion ? [term.expansion] : []), ...(term.otherForms ?? [])])
        expect(glossaryTermWritten(form)?.id, form).toBe(term.id);
    }
  });

  it('explains every Windows term in the cause catalog and in the wizard’s own labels', () => {
    const texts = [
      ...causeCatalog.flatMap((cause) => [cause.title, cause.symptom]),
      ...symptoms.map((symptom) => symptom.label),
      ...Object.values(scopeLabels),
      ...Object.values(probePhaseLabels),
    ];
    const problems = texts.flatMap((text) =>
      unexplainedTerms(text).map((problem) => `${problem} — in “${text}”`),
    );
    expect(problems).toEqual([]);
  });

  it('the scan catches an unexplained setting name, tool, abbreviation or feature key', () => {
    expect(
      windowsNameShapes('Set FooBarLimit and KRB_AP_ERR_SKEW; run netsh.exe; see the ABC list.'),
    ).toEqual(['FooBarLimit', 'KRB_AP_ERR_SKEW', 'netsh.exe', 'ABC']);
    expect(unexplainedTerms('Set FooBarLimit to 1.')).toEqual(['FooBarLimit: no glossary entry explains it']);
    expect(unexplainedTerms('Run setspn -Q first.')).toEqual([]);
    expect(unexplainedTerms('The loopback check refuses it; add it to BackConnectionHostNames.')).toEqual([]);
    // A name of the machine being checked is data, not a term.
    expect(unexplainedTerms('The pool PortalPool runs on WEB01.', new Set(['portalpool', 'web01']))).toEqual(
      [],
    );
    expect(unexplainedTerms('The pool PortalPool runs on WEB01.')).toEqual([
      'PortalPool: no glossary entry explains it',
      'WEB01: no glossary entry explains it',
    ]);
    // Path parts, DN parts and host names are not terms.
    expect(
      windowsNameShapes(
        'HKLM\\SYSTEM\\CurrentControlSet\\Control on CN=WEB02,DC=contoso and DC01.contoso.com',
      ),
    ).toEqual([]);
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
