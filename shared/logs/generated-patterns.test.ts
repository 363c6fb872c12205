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

  it('a loop from the server itself in a log without sc-substatus / sc-win32-status is the loopback check too', () => {
    const analyzer = createLogAnalyzer();
    analyzer.push(
      [
        '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status time-taken',
        ...[1, 2, 3, 4].map(
          (second) => `2026-11-20 08:00:0${second} 10.0.0.1 GET /app/ - 80 - 10.0.0.1 Edge 401 12`,
        ),
      ].join('\n'),
    );
    const analysis = analyzer.finish();
    expect(analysis.patterns.map((pattern) => `${pattern.kind} inferred=${pattern.inferred}`)).toEqual([
      'prompt-loop inferred=1',
    ]);
    expect(causes(analysis)).toEqual(['loopback-check/possible']);
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

  it('a busy kind does not push rarer kinds out of the listing: slots are shared fairly, the rest counted per kind', () => {
    const lines: string[] = [];
    let second = 0;
    // 40 prompt-loop groups (the busiest first by count), 2 time-skew, 1 invalid-token, 30 normal.
    for (let index = 0; index < 40; index++) {
      for (let round = 0; round < 3; round++)
        lines.push(
          line({ second, status: '401 2 5', client: `10.1.0.${index}` }),
          line({ second: second + 1, status: '401 1 2148074254', client: `10.1.0.${index}` }),
        );
      second += 2;
    }
    for (const client of ['10.2.0.1', '10.2.0.2'])
      lines.push(
        line({ second, status: '401 2 5', client }),
        line({ second, status: '401 1 2148074276', client }),
      );
    lines.push(
      line({ second, status: '401 2 5', client: '10.3.0.1' }),
      line({ second, status: '401 1 2148074254', client: '10.3.0.1' }),
      line({ second, status: '401 1 2148074248', client: '10.3.0.1' }),
    );
    for (let index = 0; index < 30; index++)
      lines.push(
        line({ second, status: '401 2 5', client: `10.4.0.${index}` }),
        line({ second, status: '200 0 0', client: `10.4.0.${index}`, user }),
      );
    // 10.1.0.7 loops again after more than ten minutes: two attempts, the most frequent group.
    for (let round = 0; round < 3; round++)
      lines.push(
        line({ second: 3000, status: '401 2 5', client: '10.1.0.7' }),
        line({ second: 3001, status: '401 1 2148074254', client: '10.1.0.7' }),
      );
    const analyzer = createLogAnalyzer({ maxListedPatterns: 10 });
    analyzer.push(`${fieldsLine}\n${lines.join('\n')}\n`);
    const analysis = analyzer.finish();
    const listed = analysis.patterns.map((pattern) => pattern.kind);
    expect(listed).toHaveLength(10);
    // 10 slots over 4 kinds: invalid-token 1 and time-skew 2 in full, the 7 left shared 4 + 3.
    expect(listed.filter((kind) => kind === 'time-skew')).toHaveLength(2);
    expect(listed.filter((kind) => kind === 'invalid-token')).toHaveLength(1);
    expect(listed.filter((kind) => kind === 'prompt-loop')).toHaveLength(4);
    expect(listed.filter((kind) => kind === 'normal-kerberos')).toHaveLength(3);
    // Within a kind the most frequent group is listed first.
    expect(analysis.patterns.find((pattern) => pattern.kind === 'prompt-loop')?.client).toBe('10.1.0.7');
    expect(analysis.patternsNotListedByKind).toEqual({ 'normal-kerberos': 27, 'prompt-loop': 36 });
    expect(analysis.patternsNotListed).toBe(63);
  });

  it('a log without sc-substatus and sc-win32-status: said once, sequences read from the statuses alone, no -1 codes', () => {
    const fields =
      '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status time-taken';
    const short = (second: number, client: string, url: string, status: string, who = '-') =>
      `2026-11-20 08:00:${String(second).padStart(2, '0')} 10.0.0.1 GET ${url} - 80 ${who} ${client} Edge/120 ${status} 12`;
    const analyzer = createLogAnalyzer();
    analyzer.beginFile('u_ex261120.log');
    analyzer.push(
      [
        fields,
        short(1, '10.0.0.5', '/one/', '401'),
        short(1, '10.0.0.5', '/one/', '200', user),
        short(2, '10.0.0.6', '/two/', '401'),
        short(2, '10.0.0.6', '/two/', '401'),
        short(3, '10.0.0.6', '/two/', '200', user),
        // A second daily #Fields block: the message is not repeated.
        fields,
        ...[4, 5, 6, 7, 8, 9].map((second) => short(second, '10.0.0.7', '/loop/', '401')),
        short(10, '10.0.0.8', '/half/', '401'),
        short(10, '10.0.0.8', '/half/', '401'),
      ].join('\r\n') + '\r\n',
    );
    const analysis = analyzer.finish();
    expect(analysis.messages.filter((text) => text.includes('no sc-substatus and sc-win32-status'))).toEqual([
      'u_ex261120.log:1: the #Fields line has no sc-substatus and sc-win32-status column: 401.1 cannot be told from a normal NTLM step and no Windows error code can be named, so 401 sequences are read from their statuses alone ("consistent with") and the kinds that need a code (logon-denied, invalid-token, time-skew, bad-bindings…) cannot be found',
    ]);
    expect(
      analysis.patterns
        .map((pattern) => `${pattern.kind} ${pattern.url} inferred=${pattern.inferred}`)
        .sort(),
    ).toEqual([
      'normal-kerberos /one/ inferred=1',
      'normal-ntlm /two/ inferred=1',
      'prompt-loop /loop/ inferred=1',
      'unclassified-401 /half/ inferred=1',
    ]);
    expect(analysis.patterns.flatMap((pattern) => pattern.win32)).toEqual([]);
    expect(causes(analysis)).toEqual(['spn-missing/possible', 'challenge-normal/possible']);
    expect(analysis.findings[0]?.explanation).toContain('cannot be told');
    expect(analysis.findings[1]?.explanation).toContain('consistent with the normal sign-in');
    const loop = analysis.timeline.find((client) => client.client === '10.0.0.7');
    expect(loop?.attempts[0]?.steps[0]).toMatchObject({ status: 401, substatus: -1, win32: -1 });
  });

  it('sc-win32-status alone still tells the steps apart (ERROR_ACCESS_DENIED = the challenge)', () => {
    const fields =
      '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-win32-status time-taken';
    const analyzer = createLogAnalyzer();
    analyzer.push(
      [
        fields,
        '2026-11-20 08:00:01 10.0.0.1 GET /a/ - 80 - 10.0.0.5 Edge 401 5 1',
        '2026-11-20 08:00:01 10.0.0.1 GET /a/ - 80 - 10.0.0.5 Edge 401 2148074276 1',
        '2026-11-20 08:00:02 10.0.0.1 GET /b/ - 80 - 10.0.0.5 Edge 401 5 1',
        '2026-11-20 08:00:02 10.0.0.1 GET /b/ - 80 - 10.0.0.5 Edge 401 2148074254 1',
        `2026-11-20 08:00:02 10.0.0.1 GET /b/ - 80 ${user} 10.0.0.5 Edge 200 0 1`,
      ].join('\n'),
    );
    const analysis = analyzer.finish();
    expect(analysis.patterns.map((pattern) => `${pattern.kind} ${pattern.url} ${pattern.inferred}`)).toEqual([
      'time-skew /a/ 0',
      'normal-ntlm /b/ 0',
    ]);
    expect(analysis.messages[0]).toMatch(
      /no sc-substatus column: the steps are told apart by sc-win32-status alone/,
    );
  });

  it('"+" in cs-uri-stem, cs-username and cs(User-Agent) reads back as a space (§5.3)', () => {
    const analysis = analyze([
      line({ second: 1, status: '401 2 5', url: '/sites/hr/Shared+Documents/' }),
      line({ second: 1, status: '401 1 2148074276', url: '/sites/hr/Shared+Documents/' }),
      line({ second: 5, status: '401 2 5', url: '/team/' }),
      line({ second: 5, status: '200 0 0', url: '/team/', user: 'CONTOSO\\John+Smith' }),
    ]);
    expect(analysis.patterns.map((pattern) => pattern.url)).toEqual([
      '/sites/hr/Shared Documents/',
      '/team/',
    ]);
    expect(analysis.patterns[0]?.userAgent).toBe('Mozilla/5.0 (Windows NT 10.0; Win64; x64) Edge/120');
    const steps = analysis.timeline[0]?.attempts.flatMap((attempt) => [
      attempt.url,
      ...attempt.steps.map((step) => step.username),
    ]);
    expect(steps).toEqual(['/sites/hr/Shared Documents/', '', '', '/team/', '', 'CONTOSO\\John Smith']);
  });

  it('timelines: a client with a problem takes the place of one with only normal sign-ins; problems are never dropped for normal attempts', () => {
    const normal = (second: number, client: string, url = '/app/') => [
      line({ second, status: '401 2 5', client, url }),
      line({ second, status: '200 0 0', client, url, user }),
    ];
    // Closed at once by the success that follows (a failure that later succeeds keeps its kind).
    const skew = (second: number, client: string, url = '/app/') => [
      line({ second, status: '401 2 5', client, url }),
      line({ second, status: '401 1 2148074276', client, url }),
      line({ second, status: '200 0 0', client, url, user }),
    ];
    const analyzer = createLogAnalyzer({ maxTimelineClients: 2, maxAttemptsPerClient: 3 });
    analyzer.push(
      `${fieldsLine}\n${[
        ...normal(1, '10.9.0.1'),
        ...normal(2, '10.9.0.2'),
        ...skew(3, '10.9.0.3', '/a/'),
        ...skew(4, '10.9.0.4'),
        ...skew(5, '10.9.0.5'),
        ...normal(6, '10.9.0.3', '/b/'),
        ...normal(7, '10.9.0.3', '/c/'),
        ...skew(8, '10.9.0.3', '/d/'),
      ].join('\n')}\n`,
    );
    const analysis = analyzer.finish();
    expect(analysis.timeline.map((client) => `${client.client} ${client.problems}`)).toEqual([
      '10.9.0.3 2',
      '10.9.0.4 1',
    ]);
    // Four attempts, three kept: the oldest normal one went, both problems stayed.
    expect(analysis.timeline[0]?.attempts.map((attempt) => `${attempt.url} ${attempt.kind}`)).toEqual([
      '/a/ time-skew',
      '/c/ normal-kerberos',
      '/d/ time-skew',
    ]);
    expect(analysis.timeline[0]?.attemptsOmitted).toBe(1);
    expect(analysis.timeline[0]?.attempts[1]?.steps.map((step) => step.username)).toEqual(['', user]);
    expect(
      analysis.timeline[0]?.attempts[2]?.steps.map((step) => `${step.status}.${step.substatus}`),
    ).toEqual(['401.2', '401.1', '200.0']);
    // 10.9.0.1 and .2 gave their places; .5 found every place taken by a client with problems.
    expect(analysis.timelineClientsNotShown).toBe(3);
  });
});
