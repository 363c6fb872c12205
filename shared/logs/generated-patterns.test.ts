/**
 * Generated W3C and httperr logs, one per pattern of reference §5.2 (and §5.3 for httperr),
 * in the IIS 8+ default layout.
 */
import { describe, expect, it } from 'vitest';
import { createLogAnalyzer } from './log-analyzer.js';
import type { LogAnalysis } from './log-analysis.js';

const fieldsLine =
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken';
const agent = 'Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+Edge/120';

interface Line {
  readonly second: number;
  readonly status: string;
  readonly user?: string;
  readonly client?: string;
  readonly url?: string;
  readonly port?: number;
  readonly serverIp?: string;
}

function line({
  second,
  status,
  user = '-',
  client = '10.0.0.5',
  url = '/app/',
  port = 80,
  serverIp = '10.0.0.1',
}: Line): string {
  const minutes = String(Math.floor(second / 60)).padStart(2, '0');
  const seconds = String(second % 60).padStart(2, '0');
  return `2026-11-20 08:${minutes}:${seconds} ${serverIp} GET ${url} - ${port} ${user} ${client} ${agent} - ${status} 12`;
}

function analyze(lines: readonly string[], name = 'u_ex261120.log'): LogAnalysis {
  const analyzer = createLogAnalyzer();
  analyzer.beginFile(name);
  analyzer.push(
    `#Software: Microsoft Internet Information Services 10.0\r\n${fieldsLine}\r\n${lines.join('\r\n')}\r\n`,
  );
  return analyzer.finish();
}

function kinds(analysis: LogAnalysis): string[] {
  return analysis.patterns.map((pattern) => `${pattern.kind}×${pattern.count}`);
}

function causes(analysis: LogAnalysis): string[] {
  return analysis.findings.map((finding) => `${finding.cause}/${finding.confidence}`);
}

const user = 'CONTOSO\\alice';

describe('generated logs: one per pattern', () => {
  it('normal-kerberos: 401 2 5 then 200 with a user', () => {
    const analysis = analyze([
      line({ second: 1, status: '401 2 5' }),
      line({ second: 1, status: '200 0 0', user }),
    ]);
    expect(kinds(analysis)).toEqual(['normal-kerberos×1']);
    expect(causes(analysis)).toEqual(['challenge-normal/confirmed']);
  });

  it('normal-ntlm: 401 2 5, 401 1 2148074254, 304 with a user (§5.2 sample)', () => {
    const analysis = analyze([
      line({ second: 1, status: '401 2 5' }),
      line({ second: 1, status: '401 1 2148074254' }),
      line({ second: 2, status: '304 0 0', user }),
    ]);
    expect(kinds(analysis)).toEqual(['normal-ntlm×1']);
    expect(analysis.patterns[0]?.win32.map((info) => info.name)).toEqual([
      'ERROR_ACCESS_DENIED',
      'SEC_E_NO_CREDENTIALS',
    ]);
  });

  it('prompt-loop: three rounds that never succeed', () => {
    const rounds = [0, 10, 20].flatMap((second) => [
      line({ second, status: '401 2 5' }),
      line({ second: second + 1, status: '401 1 2148074254' }),
    ]);
    const analysis = analyze(rounds);
    expect(kinds(analysis)).toEqual(['prompt-loop×1']);
    expect(analysis.patterns[0]?.resolved).toBe(0);
    expect(causes(analysis)).toEqual(['spn-missing/possible']);
  });

  it('prompt-loop from the server itself points at the loopback check', () => {
    const rounds = [0, 10, 20].flatMap((second) => [
      line({ second, status: '401 2 5', client: '10.0.0.1' }),
      line({ second: second + 1, status: '401 1 2148074254', client: '10.0.0.1' }),
    ]);
    expect(causes(analyze(rounds))).toEqual(['loopback-check/possible']);
  });

  it('logon-denied: SEC_E_LOGON_DENIED', () => {
    const analysis = analyze([
      line({ second: 1, status: '401 2 5' }),
      line({ second: 1, status: '401 1 2148074252' }),
    ]);
    expect(kinds(analysis)).toEqual(['logon-denied×1']);
    expect(analysis.patterns[0]?.win32.map((info) => info.name)).toEqual([
      'ERROR_ACCESS_DENIED',
      'SEC_E_LOGON_DENIED',
    ]);
    expect(causes(analysis)).toEqual(['stored-credentials/possible', 'spn-wrong-account/possible']);
  });

  it('invalid-token: SEC_E_INVALID_TOKEN across a farm', () => {
    const analysis = analyze([
      line({ second: 1, status: '401 2 5' }),
      line({ second: 1, status: '401 1 2148074254' }),
      line({ second: 1, status: '401 1 2148074248' }),
    ]);
    expect(kinds(analysis)).toEqual(['invalid-token×1']);
    expect(causes(analysis)).toEqual(['farm-shared-name/likely']);
  });

  it('time-skew: SEC_E_TIME_SKEW', () => {
    const analysis = analyze([
      line({ second: 1, status: '401 2 5' }),
      line({ second: 1, status: '401 1 2148074276' }),
    ]);
    expect(kinds(analysis)).toEqual(['time-skew×1']);
    expect(causes(analysis)).toEqual(['clock-skew/likely']);
  });

  it('bad-bindings: SEC_E_BAD_BINDINGS over HTTPS', () => {
    const analysis = analyze([
      line({ second: 1, status: '401 2 5', port: 443 }),
      line({ second: 1, status: '401 1 2148074310', port: 443 }),
    ]);
    expect(kinds(analysis)).toEqual(['bad-bindings×1']);
    expect(causes(analysis)).toEqual(['epa-channel-binding/likely']);
  });

  it('wrong-principal: SEC_E_WRONG_PRINCIPAL', () => {
    const analysis = analyze([
      line({ second: 1, status: '401 2 5' }),
      line({ second: 1, status: '401 1 2148074274' }),
    ]);
    expect(kinds(analysis)).toEqual(['wrong-principal×1']);
  });

  it('a failure that later succeeds keeps its kind and counts as resolved', () => {
    const analysis = analyze([
      line({ second: 1, status: '401 2 5' }),
      line({ second: 1, status: '401 1 2148074252' }),
      line({ second: 9, status: '200 0 0', user }),
    ]);
    expect(analysis.patterns[0]).toMatchObject({ kind: 'logon-denied', count: 1, resolved: 1 });
  });

  it('header-too-long: httperr 400 FieldLength (§5.3 sample)', () => {
    const analyzer = createLogAnalyzer();
    analyzer.beginFile('httperr1.log');
    analyzer.push(
      '#Software: Microsoft HTTP API 1.0\n#Version: 1.0\n#Date: 2012-11-14 20:35:02\n#Fields: date time cs-version cs-method cs-uri sc-status s-reason\n',
    );
    analyzer.push(
      '2012-11-14 20:36:36 HTTP/1.1 GET /1234567890/time.asp 400 FieldLength\n2012-11-14 20:36:40 HTTP/1.1 GET /1234567890/time.asp 400 FieldLength\n2012-11-14 20:37:00 HTTP/1.1 GET /other 503 Timer_ConnectionIdle\n',
    );
    const analysis = analyzer.finish();
    expect(analysis.counts.byFormat).toEqual({ w3c: 0, httperr: 3 });
    expect(
      analysis.patterns.map((pattern) => `${pattern.kind} ${pattern.url} ${pattern.count} ${pattern.source}`),
    ).toEqual(['header-too-long /1234567890/time.asp 2 httperr']);
    expect(causes(analysis)).toEqual(['kerberos-token-too-large/likely']);
  });

  it('httperr with the full default columns and client addresses', () => {
    const analyzer = createLogAnalyzer();
    analyzer.beginFile('httperr7.log');
    analyzer.push(
      '#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid sc-status s-siteid s-reason s-queuename\n',
    );
    analyzer.push(
      '2026-11-20 08:00:00 10.0.0.9 50123 10.0.0.1 443 HTTP/1.1 GET /portal/ - 400 - RequestLength -\n',
    );
    const analysis = analyzer.finish();
    expect(analysis.patterns.map((pattern) => `${pattern.kind} ${pattern.client} ${pattern.url}`)).toEqual([
      'header-too-long 10.0.0.9 /portal/',
    ]);
  });

  it('anonymous-only: served anonymously while other URLs sign in', () => {
    const analysis = analyze([
      line({ second: 1, status: '401 2 5' }),
      line({ second: 1, status: '200 0 0', user }),
      line({ second: 2, status: '200 0 0', url: '/public/report.aspx' }),
      line({ second: 3, status: '200 0 0', url: '/public/report.aspx' }),
    ]);
    expect(kinds(analysis)).toEqual(['anonymous-only×2', 'normal-kerberos×1']);
    expect(causes(analysis)).toEqual(['windows-auth-disabled/possible', 'challenge-normal/confirmed']);
  });

  it('anonymous-only is a property of the URL: one client signed in to it is enough to rule it out, whatever the order', () => {
    const analysis = analyze([
      line({ second: 1, status: '200 0 0', url: '/mixed/', user, client: '10.0.0.7' }),
      line({ second: 2, status: '200 0 0', url: '/mixed/', client: '10.0.0.8' }),
      line({ second: 3, status: '200 0 0', url: '/health.htm', client: '10.0.0.8' }),
      line({ second: 4, status: '200 0 0', url: '/health.htm', client: '10.0.0.9' }),
      line({ second: 5, status: '401 2 5', url: '/late/' }),
      line({ second: 6, status: '200 0 0', url: '/late/' }),
    ]);
    expect(
      analysis.patterns
        .filter((pattern) => pattern.kind === 'anonymous-only')
        .map((pattern) => `${pattern.url} ${pattern.client} ${pattern.count}`),
    ).toEqual(['/health.htm 10.0.0.8 2']);
  });

  it('anonymous traffic alone is not a pattern: the server simply does not use Windows authentication', () => {
    const analysis = analyze([
      line({ second: 2, status: '200 0 0' }),
      line({ second: 3, status: '200 0 0', url: '/b' }),
    ]);
    expect(analysis.patterns).toEqual([]);
    expect(analysis.windowsAuthSeen).toBe(false);
    expect(analysis.messages.at(-1)).toMatch(/not in use/);
  });

  it('ntlm-preauth, handshake-incomplete, challenge-unanswered and logon-failed', () => {
    const analysis = analyze([
      line({ second: 1, status: '401 1 2148074254', url: '/preauth/' }),
      line({ second: 1, status: '401 2 5', url: '/half/' }),
      line({ second: 1, status: '401 1 2148074254', url: '/half/' }),
      line({ second: 1, status: '401 2 5', url: '/never/' }),
      line({ second: 2, status: '401 2 5', url: '/never/' }),
      line({ second: 3, status: '401 2 5', url: '/never/' }),
      line({ second: 1, status: '401 2 5', url: '/pkg/' }),
      line({ second: 1, status: '401 1 2148074245', url: '/pkg/' }),
      line({ second: 1, status: '200 0 0', url: '/pkg/', user }),
    ]);
    expect(kinds(analysis).sort()).toEqual([
      'challenge-unanswered×1',
      'handshake-incomplete×1',
      'logon-failed×1',
      'ntlm-preauth×1',
    ]);
    expect(causes(analysis)).toEqual([
      'ntlm-preauth-kernel-mode/possible',
      'browser-not-configured/possible',
    ]);
  });

  it('a gap of more than ten minutes starts a new attempt', () => {
    const analysis = analyze([
      line({ second: 0, status: '401 2 5' }),
      line({ second: 11 * 60, status: '401 2 5' }),
      line({ second: 11 * 60, status: '200 0 0', user }),
    ]);
    expect(kinds(analysis).sort()).toEqual(['challenge-unanswered×1', 'normal-kerberos×1']);
  });

  it('groups by client, URL and user agent, and #Fields may change mid-file', () => {
    const analyzer = createLogAnalyzer();
    analyzer.beginFile('u_ex1.log');
    analyzer.push(`${fieldsLine}\n${line({ second: 1, status: '401 2 5' })}\n`);
    // New block: fewer columns and another order.
    analyzer.push(
      '#Fields: time date c-ip cs-uri-stem cs-username sc-status sc-substatus sc-win32-status cs(User-Agent)\n',
    );
    analyzer.push(`08:00:02 2026-11-20 10.0.0.5 /app/ ${user} 200 0 0 ${agent}\n`);
    analyzer.push(
      `08:00:03 2026-11-20 10.0.0.6 /app/ - 401 2 5 ${agent}\n08:00:04 2026-11-20 10.0.0.6 /app/ - 401 1 2148074254 ${agent}\n08:00:04 2026-11-20 10.0.0.6 /app/ ${user} 200 0 0 ${agent}\n`,
    );
    const analysis = analyzer.finish();
    expect(analysis.patterns.map((pattern) => `${pattern.kind} ${pattern.client}`).sort()).toEqual([
      'normal-kerberos 10.0.0.5',
      'normal-ntlm 10.0.0.6',
    ]);
    expect(analysis.counts.wrongFieldCount).toBe(0);
  });

  it('beyond the detailed cap, normal sign-ins are counted without their groups: same summary, bounded memory', () => {
    const lines: string[] = [];
    for (let index = 0; index < 40; index++) {
      const client = `10.0.2.${index % 10}`;
      const url = `/page${index % 4}/`;
      const second = index * 2;
      lines.push(
        line({ second, status: '401 2 5', client, url }),
        line({ second, status: '200 0 0', user, client, url }),
      );
      if (index % 7 === 0)
        lines.push(
          line({ second: second + 1, status: '401 2 5', client, url }),
          line({ second: second + 1, status: '401 1 2148074276', client, url }),
        );
    }
    const run = (maxDetailedGroups: number) => {
      const analyzer = createLogAnalyzer({ maxDetailedGroups });
      analyzer.push(`${fieldsLine}\n${lines.join('\n')}\n`);
      return analyzer.finish();
    };
    const detailed = run(1_000);
    const folded = run(2);
    expect(folded.summary).toEqual(detailed.summary);
    expect(folded.summary.map((entry) => `${entry.kind} ${entry.groups} ${entry.occurrences}`)).toEqual([
      'normal-kerberos 20 37',
      'time-skew 6 6',
    ]);
    expect(folded.patterns.length + folded.patternsNotListed).toBe(
      detailed.patterns.length + detailed.patternsNotListed,
    );
    expect(folded.patterns.filter((pattern) => pattern.kind === 'time-skew')).toHaveLength(6);
  });

  it('UTF-8 in URLs and user agents comes back as text', () => {
    const analysis = analyze([
      line({ second: 1, status: '401 2 5', url: '/süd/Größe.aspx' }),
      line({ second: 1, status: '401 1 2148074276', url: '/süd/Größe.aspx' }),
    ]);
    expect(analysis.patterns.map((pattern) => `${pattern.kind} ${pattern.url}`)).toEqual([
      'time-skew /süd/Größe.aspx',
    ]);
    expect(analysis.timeline[0]?.attempts[0]?.url).toBe('/süd/Größe.aspx');
  });

  it('caps tracked groups and says how many were not tracked', () => {
    const analyzer = createLogAnalyzer({ maxGroups: 3 });
    analyzer.push(`${fieldsLine}\n`);
    for (let index = 0; index < 10; index++)
      analyzer.push(`${line({ second: index, status: '401 2 5', client: `10.0.1.${index}` })}\n`);
    const analysis = analyzer.finish();
    expect(analysis.patterns).toHaveLength(3);
    expect(analysis.untracked).toEqual({ groups: 7, lines: 7 });
    expect(analysis.messages.at(-1)).toMatch(
      /^7 more client \+ URL \+ user agent groups not tracked \(7 lines\)/,
    );
  });
});
