/**
 * The verdict as its own field of the diagnosis (issue 6): optional, so diagnoses and saved
 * reports without it still parse; strict about which link breaks.
 */
import { describe, expect, it } from 'vitest';
import { parseReport } from '../report/parse-report.js';
import { diagnosisSchema, type Diagnosis } from './diagnosis.js';
import { verdictHolds, verdictLine, verdictSchema, type Verdict } from './verdict.js';

const diagnosis: Diagnosis = {
  runId: 'r',
  target: { url: 'https://web01.contoso.com/', symptom: 'http-401' },
  host: { kind: 'scenario', machine: 'WEB01' },
  startedAt: '2026-11-22T02:00:00.000Z',
  finishedAt: '2026-11-22T02:00:01.000Z',
  probes: [],
  evidence: [],
  findings: [],
  ruledOut: [],
};

const broken: Verdict = {
  links: [
    'Browsers ask for HTTP/web01',
    'served by HOST/web01 on CONTOSO\\WEB01$',
    'but CONTOSO\\svc-web decrypts ✗',
  ],
  brokenLink: 2,
  cause: 'spn-netbios-missing',
  complete: true,
};

describe('verdict', () => {
  it('joins its links into the one line the CLI and the hand-off print', () => {
    expect(verdictLine(broken)).toBe(
      'Browsers ask for HTTP/web01 → served by HOST/web01 on CONTOSO\\WEB01$ → but CONTOSO\\svc-web decrypts ✗',
    );
    expect(verdictHolds(broken)).toBe(false);
    expect(verdictHolds({ brokenLink: null, complete: true })).toBe(true);
    expect(verdictHolds({ brokenLink: null, complete: false })).toBe(false);
  });

  it('refuses a broken link that is not one of the links, and unknown fields', () => {
    expect(verdictSchema.safeParse({ ...broken, brokenLink: 3 }).success).toBe(false);
    expect(verdictSchema.safeParse({ ...broken, cause: 'no-such-cause' }).success).toBe(false);
    expect(verdictSchema.safeParse({ ...broken, line: 'extra' }).success).toBe(false);
    expect(verdictSchema.safeParse({ ...broken, links: [] }).success).toBe(false);
  });

  it('is optional in a diagnosis: one without it parses, one with it keeps it', () => {
    expect(diagnosisSchema.parse(diagnosis)).not.toHaveProperty('verdict');
    expect(diagnosisSchema.parse({ ...diagnosis, verdict: broken }).verdict).toEqual(broken);
    expect(diagnosisSchema.safeParse({ ...diagnosis, verdict: { ...broken, brokenLink: 7 } }).success).toBe(
      false,
    );
  });

  it('a JSON report saved before the verdict existed still opens', () => {
    const saved = {
      format: 'iwa-doctor-report',
      version: 1,
      createdAt: '2026-11-01T10:00:00.000Z',
      appVersion: '0.1.0',
      secretsIncluded: false,
      diagnosis,
      changes: [],
    };
    const report = parseReport(JSON.stringify(saved));
    expect(report.diagnosis.verdict).toBeUndefined();
    const withVerdict = parseReport(
      JSON.stringify({ ...saved, diagnosis: { ...diagnosis, verdict: broken } }),
    );
    expect(withVerdict.diagnosis.verdict).toEqual(broken);
  });
});
