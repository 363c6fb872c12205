/**
 * Malformed and huge HAR input: each gives one clear line and never a crash; a 200 MB HAR,
 * generated as a stream (never on disk, never one string), is read with bounded memory.
 */
import { describe, expect, it } from 'vitest';
import { createHarAnalyzer } from './har-analyzer.js';
import { HarFormatError } from './har-entry-reader.js';
import type { HarAnalysis } from './har-analysis.js';

function analyzeText(text: string): HarAnalysis {
  const analyzer = createHarAnalyzer('bad.har');
  analyzer.push(text);
  return analyzer.finish();
}

function formatError(text: string | Uint8Array): string {
  const analyzer = createHarAnalyzer('bad.har');
  analyzer.push(text);
  try {
    analyzer.finish();
  } catch (error) {
    if (error instanceof HarFormatError) return error.message;
    throw error;
  }
  throw new Error('expected a HarFormatError');
}

const signIn = [
  {
    request: { method: 'GET', url: 'http://web.contoso.com/', headers: [] },
    response: { status: 401, headers: [{ name: 'WWW-Authenticate', value: 'Negotiate' }] },
    connection: '1',
  },
  {
    request: {
      method: 'GET',
      url: 'http://web.contoso.com/',
      headers: [{ name: 'Authorization', value: 'Negotiate TlRMTVNTUAABAAAABoIIAAAAAAAAAAAAAAAAAAAAAAA=' }],
    },
    response: { status: 200, headers: [] },
    connection: '1',
  },
];

describe('malformed HAR', () => {
  it('not JSON, empty, truncated, or JSON without log.entries: one line naming the file', () => {
    expect(formatError('hello, I am a log file\n')).toBe(
      'bad.har: a HAR file is a JSON object; this starts with something else',
    );
    expect(formatError('')).toBe('bad.har: empty file: no HAR document');
    const whole = JSON.stringify({ log: { version: '1.2', entries: signIn } });
    expect(formatError(whole.slice(0, whole.length - 40))).toBe(
      'bad.har: the HAR document ends early (truncated file?) after 1 entries',
    );
    expect(formatError('{"log":{"version":"1.2","pages":[]}}')).toBe(
      'bad.har: no log.entries array: not a HAR file',
    );
    expect(formatError('{"log":{"entries":[]}}]')).toBe(
      'bad.har: brackets do not match: the file is not valid JSON',
    );
    expect(formatError(new Uint8Array([0x00, 0xff, 0x10, 0x7b]))).toBe(
      'bad.har: a HAR file is a JSON object; this starts with something else',
    );
    expect(formatError(`${'['.repeat(10)}`)).toBe(
      'bad.har: a HAR file is a JSON object; this starts with something else',
    );
    expect(formatError(`{"a":${'['.repeat(100)}`)).toBe('bad.har: JSON nested deeper than 64 levels');
  });

  it('bad entries are skipped with a message and the good ones still analyzed', () => {
    const entries = [
      42,
      { request: { url: 'not a url' }, response: { status: 200 } },
      { request: { url: 'http://x/' } },
      ...signIn,
    ];
    const text = JSON.stringify({ log: { entries } }).replace('42', '{"broken": tru}');
    const analysis = analyzeText(text);
    expect(analysis.counts).toMatchObject({ entries: 5, skipped: 3, kept: 2 });
    expect(analysis.messages).toEqual([
      'bad.har: entry 0: not valid JSON (Unexpected token \'}\', "{"broken": tru}" is not valid JSON); skipped',
      'bad.har: entry 1: request.url is not a URL: not a url; skipped',
      'bad.har: entry 2: entry has no request/response object; skipped',
    ]);
    expect(analysis.exchanges).toHaveLength(1);
  });

  it('an entry that is not an object is a format error, not a guess', () => {
    expect(formatError('{"log":{"entries":[[1,2]]}}')).toBe('bad.har: log.entries[0] is not an object');
  });

  it('an entry larger than the cap (even with long strings cut) is skipped with its reason', () => {
    const analyzer = createHarAnalyzer('big.har', { limits: { maxEntryChars: 10_000 } });
    const headers = Array.from({ length: 500 }, (_, index) => ({
      name: `X-Header-${index}`,
      value: 'v'.repeat(20),
    }));
    analyzer.push(
      JSON.stringify({
        log: {
          entries: [
            { request: { url: 'http://x/', headers }, response: { status: 200, headers: [] } },
            ...signIn,
          ],
        },
      }),
    );
    const analysis = analyzer.finish();
    expect(analysis.messages).toEqual([
      'big.har: entry 0: entry larger than 10000 characters even with long strings cut; skipped',
    ]);
    expect(analysis.exchanges).toHaveLength(1);
  });
});

describe('a 200 MB HAR', () => {
  it('is streamed entry by entry with bounded memory; long bodies are cut, the sign-in at the end is found', () => {
    const encoder = new TextEncoder();
    const body = 'x'.repeat(1024 * 1024);
    const pageEntry = encoder.encode(
      JSON.stringify({
        startedDateTime: '2026-11-20T08:00:00Z',
        connection: '9',
        request: { method: 'GET', url: 'http://cdn.contoso.com/big.bin', headers: [] },
        response: {
          status: 200,
          headers: [],
          content: { size: body.length, mimeType: 'text/plain', text: body },
        },
      }),
    );
    const comma = encoder.encode(',');
    const analyzer = createHarAnalyzer('huge.har');
    analyzer.push('{"log":{"version":"1.2","creator":{"name":"generated","version":"1"},"entries":[');
    const memoryBefore = process.memoryUsage();
    let peakGrowth = 0;
    const pages = 200;
    for (let index = 0; index < pages; index++) {
      // Pushed in 64 KB slices, as a file stream would deliver them.
      for (let offset = 0; offset < pageEntry.length; offset += 64 * 1024)
        analyzer.push(pageEntry.subarray(offset, offset + 64 * 1024));
      analyzer.push(comma);
      if (index % 20 === 0) {
        const now = process.memoryUsage();
        peakGrowth = Math.max(
          peakGrowth,
          now.heapUsed + now.arrayBuffers - memoryBefore.heapUsed - memoryBefore.arrayBuffers,
        );
      }
    }
    analyzer.push(`${signIn.map((entry) => JSON.stringify(entry)).join(',')}]}}`);
    const analysis = analyzer.finish();
    expect(analyzer.bytes).toBeGreaterThan(pages * 1024 * 1024);
    expect(analysis.counts).toMatchObject({
      entries: pages + 2,
      truncatedStrings: pages,
      kept: 2,
      skipped: 0,
    });
    expect(analysis.hosts.map((host) => `${host.host} ${host.requests}`)).toEqual([
      'web.contoso.com 2',
      `cdn.contoso.com ${pages}`,
    ]);
    expect(analysis.exchanges[0]).toMatchObject({ outcome: 'success', mechanism: 'ntlm' });
    expect(analysis.messages).toContain(
      `huge.har: ${pages} very long strings (response bodies) were cut while reading; headers are whole`,
    );
    expect(peakGrowth).toBeLessThan(64 * 1024 * 1024);
  });
});
