/**
 * The real IIS logs of ../shared/data/iislogs (data/PROVENANCE.md), and what each really holds:
 *
 * - elfie-arriba (IIS 8.5, 3 #Fields blocks, 7 records): 10.10.1.2 Edge `/allBasics` and `/suggest`
 *   each 401 2 5 then DOMAIN\user1 200 → 2 normal-kerberos; 10.10.1.3 `/allBasics` 401 2 5 then
 *   DOMAIN\user2 200 → 1 normal-kerberos; 10.10.1.4 IE-compat `/allBasics` a lone 401 2 5 at the end
 *   of the excerpt → challenge-unanswered (no finding: a single 401.2 is normal, §5.2).
 * - hcsc2024 (IIS 10, Firefox, 16 records): `/certsrv`, `/certsrv/`, `/certsrv/Internal`,
 *   `/certsrv/Internal/` each 401 2 5 then hcsc\jachan 301/200 → 4 normal-kerberos; the other
 *   requests are already authenticated (no challenge) or an anonymous 404 favicon.
 * - msdocs-401-1-preauth (KB 2749007): one line 401 1 2148074254 as the first request → ntlm-preauth.
 * - msdocs-webdeploy (WMSvc): 401 2 5, user1 401 1 1326 (ERROR_LOGON_FAILURE), 401 2 5 five minutes
 *   later, never success → logon-denied.
 * - norconex (crawler): four URLs with 401 2 5 then DOMAIN\username 404/200 → 4 normal-kerberos
 *   (two-line sequences, §5.2); `/api/` (query varies) 6 × 401 2 5 never answered → challenge-unanswered.
 * - bcgov (22 columns, no #Fields): two bots, each a lone 401 2 5 → 2 challenge-unanswered.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findingSchema } from '../model/finding.js';
import { createLogAnalyzer } from './log-analyzer.js';
import type { LogAnalysis } from './log-analysis.js';

const dataDirectory = new URL('../../../shared/data/iislogs/', import.meta.url);

function analyzeSample(name: string, chunkSize = 97): LogAnalysis {
  const bytes = readFileSync(new URL(name, dataDirectory));
  const analyzer = createLogAnalyzer();
  analyzer.beginFile(name);
  // Small odd chunks: lines straddle chunk boundaries.
  for (let offset = 0; offset < bytes.length; offset += chunkSize)
    analyzer.push(bytes.subarray(offset, offset + chunkSize));
  return analyzer.finish();
}

function patternRows(analysis: LogAnalysis): string[] {
  return analysis.patterns
    .map(
      (pattern) =>
        `${pattern.kind} ${pattern.client} ${pattern.url} ${pattern.count} [${pattern.win32.map((info) => info.name).join(',')}]`,
    )
    .sort();
}

describe('real IIS logs', () => {
  it('elfie-arriba: three #Fields blocks, three normal sign-ins and one unanswered challenge', () => {
    const analysis = analyzeSample('elfie-arriba-u_ex-iis85-winauth.log');
    expect(analysis.counts).toMatchObject({
      lines: 19,
      records: 7,
      directives: 12,
      wrongFieldCount: 0,
      binary: 0,
    });
    expect(patternRows(analysis)).toEqual([
      'challenge-unanswered 10.10.1.4 /allBasics 1 [ERROR_ACCESS_DENIED]',
      'normal-kerberos 10.10.1.2 /allBasics 1 [ERROR_ACCESS_DENIED]',
      'normal-kerberos 10.10.1.2 /suggest 1 [ERROR_ACCESS_DENIED]',
      'normal-kerberos 10.10.1.3 /allBasics 1 [ERROR_ACCESS_DENIED]',
    ]);
    expect(analysis.patterns.find((pattern) => pattern.client === '10.10.1.2')?.userAgent).toContain(
      'Windows NT 10.0; Win64; x64',
    );
    expect(analysis.findings.map((finding) => `${finding.cause}/${finding.confidence}`)).toEqual([
      'challenge-normal/confirmed',
    ]);
    expect(analysis.messages).toEqual([]);
    const timeline = analysis.timeline.find((entry) => entry.client === '10.10.1.2');
    expect(
      timeline?.attempts.map(
        (attempt) =>
          `${attempt.time} ${attempt.url} ${attempt.kind} ${attempt.steps.map((step) => `${step.status}.${step.substatus}`).join('>')}`,
      ),
    ).toEqual([
      '2017-05-13T00:28:25Z /allBasics normal-kerberos 401.2>200.0',
      '2017-05-13T00:28:26Z /suggest normal-kerberos 401.2>200.0',
    ]);
  });

  it('hcsc2024: four normal sign-ins of Firefox to /certsrv', () => {
    const analysis = analyzeSample('hcsc2024-adcs-certsrv-u_ex240322-excerpt.log');
    expect(analysis.counts.records).toBe(16);
    expect(patternRows(analysis)).toEqual([
      'normal-kerberos 192.168.238.188 /certsrv 1 [ERROR_ACCESS_DENIED]',
      'normal-kerberos 192.168.238.188 /certsrv/ 1 [ERROR_ACCESS_DENIED]',
      'normal-kerberos 192.168.238.188 /certsrv/Internal 1 [ERROR_ACCESS_DENIED]',
      'normal-kerberos 192.168.238.188 /certsrv/Internal/ 1 [ERROR_ACCESS_DENIED]',
    ]);
    expect(analysis.summary).toEqual([
      { kind: 'normal-kerberos', description: expect.any(String), groups: 4, occurrences: 4, inferred: 0 },
    ]);
  });

  it('msdocs KB 2749007 line: pre-authenticated first request → ntlm-preauth, consistent with kernel-mode pre-auth', () => {
    const analysis = analyzeSample('msdocs-401-1-preauth-2148074254.log');
    expect(patternRows(analysis)).toEqual([
      'ntlm-preauth 2001:4898:0:fff:0:5efe:172.18.100.183 /App1/default.aspx 1 [SEC_E_NO_CREDENTIALS]',
    ]);
    expect(analysis.patterns[0]?.win32[0]).toMatchObject({ code: 2148074254, hex: '0x8009030E' });
    expect(analysis.findings.map((finding) => `${finding.cause}/${finding.confidence}`)).toEqual([
      'ntlm-preauth-kernel-mode/possible',
    ]);
    expect(analysis.messages[0]).toMatch(/assumed the 14-column IIS default/);
    expect(analysis.patterns[0]?.firstSeen).toBe('2012-08-22T17:41:09Z');
  });

  it('msdocs WMSvc: 401.1 ERROR_LOGON_FAILURE → logon-denied, a bad password', () => {
    const analysis = analyzeSample('msdocs-webdeploy-wmsvc-401.log');
    expect(patternRows(analysis)).toEqual([
      'logon-denied 192.168.0.203 /msdeploy.axd 1 [ERROR_ACCESS_DENIED,ERROR_LOGON_FAILURE]',
    ]);
    expect(analysis.patterns[0]?.resolved).toBe(0);
    expect(analysis.findings.map((finding) => `${finding.cause}/${finding.confidence}`)).toEqual([
      'stored-credentials/possible',
    ]);
    for (const finding of analysis.findings) expect(findingSchema.parse(finding)).toEqual(finding);
  });

  it('norconex crawler: four normal sign-ins and one burst of unanswered challenges', () => {
    const analysis = analyzeSample('norconex-issue526-ntlm-crawler-excerpt.log');
    expect(analysis.counts).toMatchObject({ records: 14, wrongFieldCount: 0 });
    expect(patternRows(analysis)).toEqual([
      'challenge-unanswered 127.0.0.1 /api/ 1 [ERROR_ACCESS_DENIED]',
      'normal-kerberos 127.0.0.1 /api/sitemap.aspx 1 [ERROR_ACCESS_DENIED]',
      'normal-kerberos 127.0.0.1 /robots.txt 1 [ERROR_ACCESS_DENIED]',
      'normal-kerberos 127.0.0.1 /sitemap.xml 1 [ERROR_ACCESS_DENIED]',
      'normal-kerberos 127.0.0.1 /sitemap_index.xml 1 [ERROR_ACCESS_DENIED]',
    ]);
    const burst = analysis.timeline[0]?.attempts.find((attempt) => attempt.url === '/api/');
    expect(burst?.steps).toHaveLength(6);
    // An NTLM crawler in one round trip logs what §5.2 calls the Kerberos shape: the kind
    // names the shape and says so, it does not claim Kerberos was used.
    expect(analysis.summary.find((row) => row.kind === 'normal-kerberos')?.description).toBe(
      'Normal Kerberos-style sign-in (one round trip): 401.2 challenge, then success (§5.2)',
    );
  });

  it('bcgov (22 columns without #Fields): two lone challenges, no finding', () => {
    const analysis = analyzeSample('bcgov-nr-apm-stack-iis10-allfields-401.log');
    expect(patternRows(analysis)).toEqual([
      'challenge-unanswered 54.244.166.221 /ftp/HTH/external/!publish/Web/publications/CPRT-Admin-Manual.pdf 1 [ERROR_ACCESS_DENIED]',
      'challenge-unanswered 65.49.20.69 / 1 [ERROR_ACCESS_DENIED]',
    ]);
    expect(analysis.patterns[0]).toMatchObject({
      serverPort: '443',
      userAgent: expect.stringContaining('Chrome/105.0.0.0'),
    });
    expect(analysis.findings).toEqual([]);
  });

  it('all six files in one analyzer keep their own layouts', () => {
    const analyzer = createLogAnalyzer();
    for (const name of [
      'elfie-arriba-u_ex-iis85-winauth.log',
      'bcgov-nr-apm-stack-iis10-allfields-401.log',
      'msdocs-401-1-preauth-2148074254.log',
      'norconex-issue526-ntlm-crawler-excerpt.log',
      'hcsc2024-adcs-certsrv-u_ex240322-excerpt.log',
      'msdocs-webdeploy-wmsvc-401.log',
    ]) {
      analyzer.beginFile(name);
      analyzer.push(readFileSync(new URL(name, dataDirectory)));
      analyzer.endFile();
    }
    const analysis = analyzer.finish();
    expect(analysis.counts).toMatchObject({ files: 6, records: 43, wrongFieldCount: 0 });
    expect(Object.fromEntries(analysis.summary.map((entry) => [entry.kind, entry.occurrences]))).toEqual({
      'normal-kerberos': 11,
      'logon-denied': 1,
      'ntlm-preauth': 1,
      'challenge-unanswered': 4,
    });
  });
});
