/** The live sign-in and the host rules never name the same cause twice or contradict each other. */
import { describe, expect, it } from 'vitest';
import type { CauseId } from '../causes/cause-catalog.js';
import type { Confidence } from '../model/finding.js';
import { reconcileLiveFindings } from './live-finding-reconciliation.js';
import type { FindingDraft } from './rule.js';

function draft(cause: CauseId, confidence: Confidence, evidence: string[], withRemedy = false): FindingDraft {
  return {
    cause,
    confidence,
    title: cause,
    explanation: `because ${cause}.`,
    evidence,
    remedies: withRemedy
      ? [
          {
            remedy: 'domain.register-spn',
            title: 'Register it',
            scope: 'domain',
            params: {},
            available: true,
          },
        ]
      : [],
  };
}

const liveLegs = ['live-anonymous-request', 'live-kerberos-ticket-browser', 'live-authenticated-request'];

describe('reconcileLiveFindings', () => {
  it('makes one finding of the same cause from both sides: host remedies, both evidence, the surer confidence', () => {
    const outcome = reconcileLiveFindings(
      { symptom: 'prompt-three-times' },
      { findings: [draft('spn-missing', 'likely', ['spn-registrations'], true)], ruledOut: [] },
      { findings: [draft('spn-missing', 'confirmed', liveLegs)], ruledOut: [] },
    );
    expect(outcome.findings).toHaveLength(1);
    expect(outcome.findings[0]).toMatchObject({
      cause: 'spn-missing',
      confidence: 'confirmed',
      evidence: ['spn-registrations', ...liveLegs],
    });
    expect(outcome.findings[0]?.remedies).toHaveLength(1);
  });

  it('folds a ticket the server cannot decrypt into the host cause that explains it, keeping that cause', () => {
    const outcome = reconcileLiveFindings(
      { symptom: 'http-401' },
      {
        findings: [draft('kernel-mode-no-apppool-creds', 'confirmed', ['iis-application'], true)],
        ruledOut: [],
      },
      { findings: [draft('spn-wrong-account', 'confirmed', liveLegs)], ruledOut: [] },
    );
    expect(outcome.findings.map((finding) => finding.cause)).toEqual(['kernel-mode-no-apppool-creds']);
    expect(outcome.findings[0]?.evidence).toEqual(['iis-application', ...liveLegs]);
    expect(outcome.findings[0]?.explanation).toMatch(/sign-in test shows the failure/);
  });

  it('joins a live finding to the host finding of the same cause before any other explainer', () => {
    const outcome = reconcileLiveFindings(
      { symptom: 'http-401' },
      {
        findings: [
          draft('spn-duplicate', 'confirmed', ['spn-registrations']),
          draft('spn-wrong-account', 'likely', ['iis-application']),
        ],
        ruledOut: [],
      },
      { findings: [draft('spn-wrong-account', 'confirmed', liveLegs)], ruledOut: [] },
    );
    expect(outcome.findings).toMatchObject([
      { cause: 'spn-duplicate', confidence: 'confirmed', evidence: ['spn-registrations'] },
      { cause: 'spn-wrong-account', confidence: 'confirmed', evidence: ['iis-application', ...liveLegs] },
    ]);
  });

  it('mentions the sign-in test once when two live guesses join the same host finding', () => {
    const outcome = reconcileLiveFindings(
      { symptom: 'http-401' },
      { findings: [draft('epa-channel-binding', 'confirmed', ['iis-application'])], ruledOut: [] },
      {
        findings: [
          draft('spn-wrong-account', 'possible', liveLegs),
          draft('epa-channel-binding', 'possible', liveLegs),
        ],
        ruledOut: [],
      },
    );
    expect(outcome.findings).toHaveLength(1);
    expect(outcome.findings[0]?.explanation).toBe(
      'because epa-channel-binding. The sign-in test shows the failure this causes.',
    );
    expect(outcome.findings[0]?.evidence).toEqual(['iis-application', ...liveLegs]);
  });

  it('does not fold a wire failure into "only the other form of the name is missing"', () => {
    // Requested form on the right account, the other form missing (decryption chain: likely).
    const otherForm = draft('spn-netbios-missing', 'likely', ['spn-registrations'], true);
    const refused = reconcileLiveFindings(
      { symptom: 'http-401' },
      { findings: [otherForm], ruledOut: [] },
      { findings: [draft('spn-wrong-account', 'likely', liveLegs)], ruledOut: [] },
    );
    expect(refused.findings.map((finding) => finding.cause)).toEqual([
      'spn-netbios-missing',
      'spn-wrong-account',
    ]);
    expect(refused.findings[0]?.evidence).toEqual(['spn-registrations']);
    // The NTLM fallback's guesses stay guesses: the other form does not prove any of them.
    const guesses = ['spn-missing', 'kdc-unreachable', 'local-account-ntlm'] as const;
    const fallback = reconcileLiveFindings(
      { symptom: 'prompt-three-times' },
      { findings: [otherForm], ruledOut: [] },
      { findings: guesses.map((cause) => draft(cause, 'possible', liveLegs)), ruledOut: [] },
    );
    expect(fallback.findings.map((finding) => finding.cause)).toEqual(['spn-netbios-missing', ...guesses]);
    // The requested form itself missing (confirmed) is what the wire shows.
    const requestedMissing = reconcileLiveFindings(
      { symptom: 'prompt-three-times' },
      { findings: [draft('spn-netbios-missing', 'confirmed', ['spn-registrations'], true)], ruledOut: [] },
      { findings: [draft('spn-missing', 'confirmed', liveLegs)], ruledOut: [] },
    );
    expect(requestedMissing.findings.map((finding) => finding.cause)).toEqual(['spn-netbios-missing']);
  });

  it('keeps a live finding nothing on the host side explains', () => {
    const outcome = reconcileLiveFindings(
      { symptom: 'prompt-three-times' },
      { findings: [draft('zone-not-intranet', 'confirmed', ['zone-mapping'])], ruledOut: [] },
      { findings: [draft('spn-wrong-account', 'likely', liveLegs)], ruledOut: [] },
    );
    expect(outcome.findings.map((finding) => finding.cause)).toEqual([
      'zone-not-intranet',
      'spn-wrong-account',
    ]);
  });

  it('drops the other guesses of an NTLM fallback once the host proves one of them', () => {
    const guesses = ['spn-missing', 'kdc-unreachable', 'local-account-ntlm'] as const;
    const outcome = reconcileLiveFindings(
      { symptom: 'prompt-once-per-session' },
      { findings: [draft('local-account-ntlm', 'confirmed', ['logon-account'])], ruledOut: [] },
      { findings: guesses.map((cause) => draft(cause, 'possible', liveLegs)), ruledOut: [] },
    );
    expect(outcome.findings.map((finding) => finding.cause)).toEqual(['local-account-ntlm']);
  });

  it('names the normal first 401 only for a 401 seen in a trace while the page opens, with nothing else wrong', () => {
    const works = { findings: [draft('challenge-normal', 'confirmed', liveLegs)], ruledOut: [] };
    const nothing = { findings: [], ruledOut: [] };
    const traceOnly = { symptom: 'http-401', answers: { 'which-401': 'only-in-a-trace' } } as const;
    expect(reconcileLiveFindings(traceOnly, nothing, works).findings.map((f) => f.cause)).toEqual([
      'challenge-normal',
    ]);
    // A 401.1 on the page, or an unanswered question: a working sign-in is no answer to it.
    const onThePage = { symptom: 'http-401', answers: { 'which-401': '401-1' } } as const;
    expect(reconcileLiveFindings(onThePage, nothing, works).findings).toEqual([]);
    expect(reconcileLiveFindings({ symptom: 'http-401' }, nothing, works).findings).toEqual([]);
    expect(reconcileLiveFindings({ symptom: 'prompt-once-per-session' }, nothing, works).findings).toEqual(
      [],
    );
    const zone = { findings: [draft('zone-not-intranet', 'confirmed', ['zone-mapping'])], ruledOut: [] };
    expect(reconcileLiveFindings(traceOnly, zone, works).findings.map((f) => f.cause)).toEqual([
      'zone-not-intranet',
    ]);
  });

  it('never lists as ruled out a cause that is found', () => {
    const outcome = reconcileLiveFindings(
      { symptom: 'prompt-three-times' },
      { findings: [draft('providers-misconfigured', 'confirmed', ['iis-application'])], ruledOut: [] },
      {
        findings: [],
        ruledOut: [
          { cause: 'providers-misconfigured', summary: 'offers Negotiate', evidence: liveLegs },
          { cause: 'windows-auth-disabled', summary: 'asks for sign-in', evidence: liveLegs },
        ],
      },
    );
    expect(outcome.ruledOut.map((item) => item.cause)).toEqual(['windows-auth-disabled']);
  });

  it('rules a cause out once, in the host’s words, with the live evidence added', () => {
    const outcome = reconcileLiveFindings(
      { symptom: 'prompt-three-times' },
      {
        findings: [],
        ruledOut: [{ cause: 'spn-wrong-account', summary: 'Kerberos can be decrypted ✓', evidence: ['spn'] }],
      },
      {
        findings: [],
        ruledOut: [
          { cause: 'spn-wrong-account', summary: 'The site decrypted the ticket.', evidence: liveLegs },
          { cause: 'kerberos-token-too-large', summary: 'The header fits.', evidence: liveLegs },
        ],
      },
    );
    expect(outcome.ruledOut).toEqual([
      { cause: 'spn-wrong-account', summary: 'Kerberos can be decrypted ✓', evidence: ['spn', ...liveLegs] },
      { cause: 'kerberos-token-too-large', summary: 'The header fits.', evidence: liveLegs },
    ]);
  });
});
