/**
 * The one real-data HAR of ../shared/data/har (data/PROVENANCE.md): derived from the arkime
 * pcap of Chrome 55 on Windows 7 signing in to an explicit proxy with NTLM. What it holds:
 * a bare 407 (`Proxy-Authenticate: NTLM`) on connection 10252, then type 1 → 407 with the
 * CISCOLAB type 2 → type 3 (ciscolab.com\user1, MsvAvTargetName HTTP/10.122.144.182:80) →
 * 200, both legs on connection 10258. So: one proxy exchange, NTLM, success, the NTLM legs
 * on one connection (the first connection carried no NTLM message), no channel bindings
 * question (plain HTTP), and the opening 407 is the normal start.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findingSchema } from '../model/finding.js';
import { createHarAnalyzer } from './har-analyzer.js';
import type { HarAnalysis } from './har-analysis.js';

const file = 'DERIVED-arkime-http-ntlm-proxy-auth.har';
const bytes = readFileSync(new URL(`../../../shared/data/har/${file}`, import.meta.url));

function analyze(chunkSize: number): HarAnalysis {
  const analyzer = createHarAnalyzer(file);
  for (let offset = 0; offset < bytes.length; offset += chunkSize)
    analyzer.push(bytes.subarray(offset, offset + chunkSize));
  return analyzer.finish();
}

function exchange0Issues(analysis: HarAnalysis): string[] {
  return analysis.issues.filter((issue) => issue.exchange === 0).map((issue) => issue.kind);
}

describe('real HAR: NTLM proxy sign-in (arkime pcap)', () => {
  it('rebuilds the proxy exchange with its three legs and decoded tokens', () => {
    const analysis = analyze(64 * 1024);
    expect(analysis.creator).toBe(
      'DERIVED from arkime tests/pcap/http-ntlm-auth.pcap (not an original browser HAR)',
    );
    expect(analysis.counts).toEqual({
      bytes: bytes.length,
      entries: 3,
      kept: 3,
      notKept: 0,
      skipped: 0,
      truncatedStrings: 0,
    });
    // Both connections go to the proxy (serverIPAddress 10.122.144.182): the bare 407 on the
    // first, the whole NTLM handshake on the second — not a split.
    expect(analysis.hosts).toEqual([
      {
        host: 'www.purple.com',
        requests: 3,
        serverIps: ['10.122.144.182'],
        connections: 2,
        connectionList: [
          { id: '10252', serverIp: '10.122.144.182', requests: 1, exchanges: [0] },
          { id: '10258', serverIp: '10.122.144.182', requests: 2, exchanges: [0] },
        ],
        connectionsNotListed: 0,
        exchanges: 1,
      },
    ]);
    expect(exchange0Issues(analysis)).not.toContain('ntlm-legs-split');
    expect(analysis.exchanges).toHaveLength(1);
    const exchange = analysis.exchanges[0]!;
    expect(exchange).toMatchObject({
      target: 'proxy',
      url: 'http://www.purple.com/',
      https: false,
      outcome: 'success',
      mechanism: 'ntlm',
      connections: ['10252', '10258'],
    });
    expect(
      exchange.legs.map((leg) => [
        leg.connection,
        leg.status,
        leg.sent?.ntlmMessageType ?? null,
        leg.received?.ntlmMessageType ?? null,
      ]),
    ).toEqual([
      ['10252', 407, null, null],
      ['10258', 407, 1, 2],
      ['10258', 200, 3, null],
    ]);
    expect(exchange.legs[0]?.offers).toEqual(['NTLM']);
    expect(exchange.legs[1]?.received?.ntlmTargetName).toBe('CISCOLAB');
    expect(exchange.legs[2]?.sent).toMatchObject({
      ntlmUser: 'ciscolab.com\\user1',
      ntlmTargetName: 'HTTP/10.122.144.182:80',
      channelBindings: false,
      ntlmInsideNegotiate: false,
    });
  });

  it('finds a proxy sign-in that worked: information and the normal challenge, no problem', () => {
    const analysis = analyze(97);
    expect(analysis.issues.map((issue) => issue.kind)).toEqual(['proxy-auth']);
    expect(analysis.findings.map((finding) => `${finding.cause}/${finding.confidence}`)).toEqual([
      'challenge-normal/confirmed',
    ]);
    for (const finding of analysis.findings) findingSchema.parse(finding);
    expect(analysis.evidence.map((item) => `${item.id}:${item.status}`)).toEqual([
      'har-proxy-auth-0:info',
      'har-normal-0:ok',
    ]);
    expect(analysis).toMatchObject({ sanitized: false, unknowable: [], messages: [] });
  });

  it('never puts a token into the analysis (tokens are secrets)', () => {
    const text = JSON.stringify(analyze(4096));
    expect(text).not.toContain('TlRMTVNTUAAB');
    expect(text).not.toContain('TlRMTVNTUAAD');
  });

  it('gives the same result whatever the chunk size', () => {
    expect(JSON.stringify(analyze(1))).toBe(JSON.stringify(analyze(bytes.length)));
  });
});
