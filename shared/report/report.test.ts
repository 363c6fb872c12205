/** Reports: secrets out by default (real tokens from ../shared/data), self-contained HTML, strict read-back. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../model/diagnosis.js';
import type { JournalEntry } from '../model/journal.js';
import { buildReport, withSecretsPolicy } from './build-report.js';
import { compareCauses } from './cause-comparison.js';
import { parseReport } from './parse-report.js';
import { redactSecrets, redactText } from './redact-secrets.js';
import { renderReportHtml } from './report-html.js';
import { renderReportSummary } from './report-summary.js';

/** Every token line of a ../shared/data/tokens file (comments start with '#'). */
function realTokens(file: string): string[] {
  const text = readFileSync(new URL(`../../../shared/data/tokens/${file}`, import.meta.url), 'utf8');
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
}

const kerberosToken = realTokens('lab-mit-curl.txt')[0] ?? '';
const ntlmTokens = realTokens('curl-ntlm.txt');

const diagnosis: Diagnosis = {
  runId: 'run-1',
  target: { url: 'https://intranet.contoso.com/app', symptom: 'prompt-once-per-session' },
  host: { kind: 'scenario', machine: 'WS01', scenario: { id: 'zone-not-intranet', title: 'Workstation' } },
  startedAt: '2026-11-22T02:00:00.000Z',
  finishedAt: '2026-11-22T02:00:01.000Z',
  probes: [
    { probe: 'zones:mapping', title: 'Which zone the address is in', status: 'ok' },
    {
      probe: 'iis:authentication',
      title: 'iis:authentication',
      status: 'unavailable',
      message: 'this check is not available in this version',
    },
  ],
  evidence: [
    {
      id: 'zone-1',
      probe: 'zones:mapping',
      kind: 'zone-mapping',
      status: 'problem',
      summary: 'intranet.contoso.com is in the Internet zone <script>alert(1)</script>',
      facts: { host: 'intranet.contoso.com', requestToken: kerberosToken },
      raw: [
        {
          label: 'captured headers',
          text: `GET /app HTTP/1.1\nAuthorization: Negotiate ${kerberosToken}\nWWW-Authenticate: NTLM ${ntlmTokens[1] ?? ''}\npassword=Winter2026!`,
        },
      ],
    },
  ],
  findings: [
    {
      cause: 'zone-not-intranet',
      confidence: 'confirmed',
      title: 'Site is not in the Local intranet zone',
      explanation: 'Windows puts intranet.contoso.com in the Internet zone.',
      evidence: ['zone-1'],
      browsers: 'Edge and Chrome on Windows',
      remedies: [
        {
          offerId: 'offer-1',
          remedy: 'zone.add-to-intranet',
          title: 'Add to Local intranet',
          scope: 'user',
          params: {},
          available: true,
        },
      ],
    },
  ],
  ruledOut: [
    {
      cause: 'zone-logon-prompt',
      summary: 'The Internet zone does not force a prompt.',
      evidence: ['zone-1'],
    },
  ],
};

const journal: JournalEntry[] = [
  {
    id: 'e1',
    remedy: 'zone.add-to-intranet',
    title: 'Add to Local intranet',
    scope: 'user',
    targetUrl: 'https://intranet.contoso.com/app',
    machine: 'scenario:zone-not-intranet',
    exactChange: ['reg add "HKCU\\...\\Domains\\contoso.com\\intranet" /v https /t REG_DWORD /d 1 /f'],
    needsElevation: false,
    operations: [],
    state: 'undone',
    createdAt: '2026-11-22T02:01:00.000Z',
    undoneAt: '2026-11-22T02:02:00.000Z',
  } as JournalEntry,
  {
    id: 'e2',
    remedy: 'zone.add-to-intranet',
    title: 'Other site',
    scope: 'user',
    targetUrl: 'https://other.contoso.com/',
    machine: 'm',
    exactChange: [],
    needsElevation: false,
    operations: [],
    state: 'applied',
    createdAt: '',
  } as JournalEntry,
];

const build = (includeSecrets = false) =>
  buildReport({
    diagnosis,
    journal,
    appVersion: '0.1.0',
    createdAt: '2026-11-22T02:03:00.000Z',
    includeSecrets,
  });

describe('redaction', () => {
  it('removes every real token after its scheme, and bare long base64', () => {
    expect(kerberosToken.length).toBeGreaterThan(500);
    for (const token of [kerberosToken, ...ntlmTokens]) {
      const redacted = redactText(`Authorization: Negotiate ${token}`);
      expect(redacted).not.toContain(token.slice(0, 24));
      expect(redacted).toMatch(/^Authorization: Negotiate \[secret removed, \d+ characters\]$/);
    }
    expect(redactText(`blob ${kerberosToken} end`)).toBe(
      `blob [secret removed, ${kerberosToken.length} characters] end`,
    );
  });

  it('keeps ordinary Windows output as it was', () => {
    const output =
      'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\ZoneMap\\ProtocolDefaults\n    https    REG_DWORD    0x3\nHTTP/intranet.contoso.com {6f9e3a52-5b8a-4c1e-9d3f-2a7b1c0e4d5f}';
    expect(redactText(output)).toBe(output);
  });

  it('keeps the words after a scheme name in plain sentences, and still removes short encoded tokens', () => {
    const prose =
      'NTLM pre-authentication meets kernel-mode authentication; Kerberos tickets; NTLM NEGOTIATE (type 1); Negotiate Kerberos';
    expect(redactText(prose)).toBe(prose);
    expect(redactText('Authorization: Basic dXNlcjpwYXNz')).toBe(
      'Authorization: Basic [secret removed, 12 characters]',
    );
    expect(redactText('Authorization: Bearer abcdefghIJKL')).toBe(
      'Authorization: Bearer [secret removed, 12 characters]',
    );
  });

  it('removes passwords written as assignments and fields named for secrets, deep inside objects', () => {
    expect(redactText('password=Winter2026! next')).toBe('password=[secret removed, 11 characters] next');
    expect(redactSecrets({ a: [{ rawToken: 'abc', spn: 'HTTP/web01' }] })).toEqual({
      a: [{ rawToken: '[secret removed, 3 characters]', spn: 'HTTP/web01' }],
    });
  });
});

describe('report', () => {
  it('is redacted by default and keeps secrets only when asked', () => {
    const redacted = JSON.stringify(build());
    expect(redacted).not.toContain(kerberosToken.slice(0, 40));
    expect(redacted).not.toContain('Winter2026!');
    expect(build().secretsIncluded).toBe(false);
    const kept = build(true);
    expect(kept.secretsIncluded).toBe(true);
    expect(JSON.stringify(kept)).toContain(kerberosToken);
  });

  it('includes only the changes made for this address', () => {
    expect(build().changes.map((entry) => entry.id)).toEqual(['e1']);
  });

  it('renders self-contained HTML with the finding, the evidence and the change, escaped, with no script', () => {
    const html = renderReportHtml(build());
    expect(html).toContain('Site is not in the Local intranet zone');
    expect(html).toContain('data-cause="zone-not-intranet"');
    expect(html).toContain('Add to Local intranet');
    expect(html).toContain('Undone');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).not.toMatch(/<script|src=|href=|@import|url\(/i);
    expect(html).not.toContain(kerberosToken.slice(0, 40));
    expect(html).toContain("default-src 'none'");
  });

  it('summarises for IT in a few lines', () => {
    const summary = renderReportSummary(build());
    expect(summary.split('\n')).toEqual([
      'IWA Doctor: https://intranet.contoso.com/app',
      'Seen: A password box once per browser session, then it works',
      'Checked on WS01 (simulation) at 2026-11-22T02:00:01.000Z',
      'Found (Proven): Site is not in the Local intranet zone [zone-not-intranet]',
      '  Fix: Add to Local intranet — You can do this',
      'Could not check: iis:authentication',
      'Ruled out: 1 check',
      'Changed: Add to Local intranet — undone (undone 2026-11-22T02:02:00.000Z)',
    ]);
  });

  it('shows the raw evidence open, so the printed report holds it too', () => {
    const html = renderReportHtml(build());
    expect(html).toContain('<details open><summary>What Windows said</summary>');
    expect(html).not.toMatch(/<details>/);
  });

  it('redacting a redacted report again changes nothing, so the printer gets exactly the saved HTML', () => {
    const report = build();
    expect(withSecretsPolicy(report)).toEqual(report);
    expect(renderReportHtml(withSecretsPolicy(report))).toBe(renderReportHtml(report));
    // A report that says it keeps nothing secret is redacted even when handed over unredacted.
    const unredacted = { ...build(true), secretsIncluded: false };
    expect(JSON.stringify(withSecretsPolicy(unredacted))).not.toContain(kerberosToken.slice(0, 40));
  });

  it('still opens a version 1 report, and refuses a newer one in one line', () => {
    const { recheck: _none, ...report } = { ...build(), version: 1 as const };
    expect(parseReport(JSON.stringify(report))).toEqual(report);
    expect(() => parseReport(JSON.stringify({ ...report, version: 3 }))).toThrowError(
      /^This report was saved by a newer IWA Doctor; update the app to open it\.$/,
    );
  });

  it('reads a saved report back exactly, and gives one clear line for anything else', () => {
    const report = build();
    expect(parseReport(JSON.stringify(report))).toEqual(report);
    const problems = [
      'not json',
      '{"hello":1}',
      JSON.stringify({ ...report, version: 3 }),
      JSON.stringify({ ...report, diagnosis: { ...report.diagnosis, findings: [{ cause: 'made-up' }] } }),
      JSON.stringify({ ...report, extra: true }),
    ];
    for (const text of problems) {
      expect(() => parseReport(text)).toThrowError(/^This (file|JSON file|report)/);
      try {
        parseReport(text);
      } catch (error) {
        expect((error as Error).message).not.toContain('\n');
      }
    }
  });
});

describe('report saved after a fix', () => {
  const after: Diagnosis = {
    ...diagnosis,
    runId: 'run-2',
    finishedAt: '2026-11-22T02:01:30.000Z',
    findings: [
      {
        cause: 'proxy-in-path',
        confidence: 'likely',
        title: 'A proxy server sits between the browser and the site',
        explanation: 'e',
        evidence: [],
        remedies: [],
      },
    ],
  };
  const fixed = buildReport({
    diagnosis,
    journal: [{ ...journal[0], state: 'applied', undoneAt: undefined } as JournalEntry],
    appVersion: '0.1.0',
    createdAt: '2026-11-22T02:03:00.000Z',
    recheck: { entryId: 'e1', ticketsPurged: false, diagnosis: after },
  });

  it('compares each cause before and after the change', () => {
    expect(compareCauses(diagnosis, after)).toEqual([
      {
        cause: 'zone-not-intranet',
        title: 'Site is not in the Local intranet zone',
        before: 'confirmed',
        outcome: 'gone',
      },
      {
        cause: 'proxy-in-path',
        title: 'A proxy server sits between the browser and the site',
        before: null,
        outcome: 'found-now',
      },
    ]);
  });

  it('says in the HTML what the checks found again after the change, and which change it was', () => {
    const html = renderReportHtml(fixed);
    expect(html).toContain('What we found before the change (1)');
    expect(html).toContain('<h2>Checked again after the change</h2>');
    expect(html).toContain('After “Add to Local intranet”, IWA Doctor ran the same checks again');
    expect(html).toMatch(
      /<tr data-cause="zone-not-intranet" data-outcome="gone"><td>Site is not in the Local intranet zone<\/td><td>Found \(Proven\)<\/td><td>Gone<\/td><\/tr>/,
    );
    expect(html).toMatch(
      /<tr data-cause="proxy-in-path" data-outcome="found-now">.*<td>Not found<\/td><td>Found now<\/td>/,
    );
    expect(html).toContain('Result: a problem remains after the change.');
    expect(html).toMatch(/<strong>Add to Local intranet<\/strong> — Applied/);
    expect(html).not.toContain(kerberosToken.slice(0, 40));
  });

  it('says so in the summary for IT, and reads back exactly', () => {
    expect(renderReportSummary(fixed).split('\n')).toContain(
      'Checked again after the change: zone-not-intranet gone; proxy-in-path found now',
    );
    expect(parseReport(JSON.stringify(fixed))).toEqual(fixed);
    expect(fixed.version).toBe(2);
  });

  it('never calls a change fixed that takes effect only after a restart', () => {
    const restartFirst = buildReport({
      diagnosis,
      journal: [
        {
          ...journal[0],
          state: 'applied',
          undoneAt: undefined,
          restartRequired: { what: 'http-service', setting: 'MaxFieldLength' },
        } as JournalEntry,
      ],
      appVersion: '0.1.0',
      createdAt: '2026-11-22T02:03:00.000Z',
      recheck: { entryId: 'e1', ticketsPurged: false, diagnosis: { ...after, findings: [] } },
    });
    const html = renderReportHtml(restartFirst);
    expect(html).toContain('Result: Applied; takes effect after the HTTP service restarts.');
    expect(html).toContain('read MaxFieldLength back');
    expect(html).not.toContain('Result: fixed');
    expect(renderReportSummary(restartFirst)).toContain(
      'Checked again after the change: zone-not-intranet gone (Applied; takes effect after the HTTP service restarts)',
    );
  });

  it('keeps the re-check redacted like the rest', () => {
    expect(JSON.stringify(fixed.recheck)).not.toContain(kerberosToken.slice(0, 40));
    expect(fixed.recheck?.diagnosis.evidence[0]?.raw[0]?.text).toContain('[secret removed,');
  });
});
