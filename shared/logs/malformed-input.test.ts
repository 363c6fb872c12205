/**
 * Malformed input: truncated lines, wrong column counts, binary junk, a file that is one
 * enormous line. Each gives a counted, one-line message and never a crash or unbounded memory.
 */
import { describe, expect, it } from 'vitest';
import { createLineSplitter } from './line-splitter.js';
import { createLogAnalyzer } from './log-analyzer.js';

const fieldsLine =
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken';
const good = '2026-11-20 08:00:01 10.0.0.1 GET /app/ - 80 - 10.0.0.5 Edge - 401 2 5 12';

describe('malformed logs', () => {
  it('counts truncated lines, wrong column counts, non-numeric status and binary junk, and keeps the good lines', () => {
    const analyzer = createLogAnalyzer();
    analyzer.beginFile('u_ex-bad.log');
    analyzer.push(`${fieldsLine}\n${good}\n`);
    analyzer.push('2026-11-20 08:00:02 10.0.0.1 GET /app/ - 80\n'); // truncated
    analyzer.push(`${good} extra columns\n`);
    analyzer.push('2026-11-20 08:00:01 10.0.0.1 GET /app/ - 80 - 10.0.0.5 Edge - abc 2 5 12\n');
    analyzer.push(new Uint8Array([0x00, 0x01, 0xff, 0xfe, 0x20, 0x41, 0x0a]));
    analyzer.push('\n\n');
    analyzer.push('2026-11-20 08:00:02 10.0.0.1 GET /app/ - 80 CONTOSO\\bob 10.0.0.5 Edge - 200 0 0 3'); // no final newline
    const analysis = analyzer.finish();
    expect(analysis.counts).toMatchObject({
      lines: 9,
      records: 2,
      wrongFieldCount: 2,
      malformed: 1,
      binary: 1,
      blank: 2,
      directives: 1,
    });
    expect(analysis.patterns.map((pattern) => pattern.kind)).toEqual(['normal-kerberos']);
    expect(analysis.messages).toEqual([
      'u_ex-bad.log:3: 7 columns where the #Fields line names 15; skipped (truncated or corrupted line)',
      'u_ex-bad.log:4: 17 columns where the #Fields line names 15; skipped (truncated or corrupted line)',
      'u_ex-bad.log:5: sc-status is not a number; skipped',
      'u_ex-bad.log:6: binary data (control bytes) instead of a log line; skipped',
    ]);
  });

  it('a UTF-8 byte-order mark before the first line is skipped, also when it arrives a byte at a time; one later in the file is not', () => {
    const bom = [0xef, 0xbb, 0xbf];
    const text = new TextEncoder().encode(`${fieldsLine}\r\n${good}\r\n`);
    for (const chunks of [
      [Uint8Array.from([...bom, ...text])],
      [...bom, ...text].map((byte) => Uint8Array.of(byte)),
    ]) {
      const analyzer = createLogAnalyzer();
      analyzer.beginFile('u_ex-saved-by-an-editor.log');
      for (const chunk of chunks) analyzer.push(chunk);
      const analysis = analyzer.finish();
      expect(analysis.messages).toEqual([]);
      expect(analysis.counts).toMatchObject({ lines: 2, directives: 1, records: 1, wrongFieldCount: 0 });
    }
    const analyzer = createLogAnalyzer();
    analyzer.beginFile('u_ex-joined.log');
    analyzer.push(text);
    analyzer.push(Uint8Array.from([...bom, ...text]));
    expect(analyzer.finish().counts).toMatchObject({ directives: 1, records: 2, wrongFieldCount: 1 });
  });

  it('lines without #Fields that match no default layout are reported, not guessed', () => {
    const analyzer = createLogAnalyzer();
    analyzer.push('hello world\nthis is not an IIS log at all\n');
    const analysis = analyzer.finish();
    expect(analysis.counts).toMatchObject({ records: 0, wrongFieldCount: 2 });
    expect(analysis.messages[0]).toBe(
      'input:1: no #Fields line before this record and 2 columns match no default IIS layout; skipped',
    );
  });

  it('a flood of bad lines lists three messages per kind and counts the rest', () => {
    const analyzer = createLogAnalyzer();
    analyzer.beginFile('junk.log');
    analyzer.push(`${fieldsLine}\n${'a b c\n'.repeat(1000)}`);
    const analysis = analyzer.finish();
    expect(analysis.counts.wrongFieldCount).toBe(1000);
    expect(analysis.messages).toEqual([
      'junk.log:2: 3 columns where the #Fields line names 15; skipped (truncated or corrupted line)',
      'junk.log:3: 3 columns where the #Fields line names 15; skipped (truncated or corrupted line)',
      'junk.log:4: 3 columns where the #Fields line names 15; skipped (truncated or corrupted line)',
      'junk.log: 997 more lines with the same problem as above',
    ]);
  });

  it('a 5 GB file of one line, streamed in 1 MB chunks, is skipped with a clear message and bounded memory', () => {
    const analyzer = createLogAnalyzer();
    analyzer.beginFile('one-line.log');
    analyzer.push(`${fieldsLine}\n`);
    // Node's Buffer gives the same native newline search the CLI gets from file streams.
    const chunk = Buffer.alloc(1024 * 1024, 0x41);
    const chunks = 5 * 1024;
    const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    for (let index = 0; index < chunks; index++) analyzer.push(chunk);
    analyzer.push(`\n${good}\n`);
    const heapAfter = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const analysis = analyzer.finish();
    expect(analysis.counts).toMatchObject({
      overlong: 1,
      records: 1,
      bytes: fieldsLine.length + 1 + chunks * chunk.length + good.length + 2,
    });
    expect(analysis.messages).toEqual([
      `one-line.log:2: line of ${chunks * chunk.length} bytes is longer than the 65536-byte limit; skipped (not a log line, or a file without line breaks)`,
    ]);
    expect(heapAfter - heapBefore).toBeLessThan(32 * 1024 * 1024);
  });

  it('text chunks split inside a multi-byte character and a CRLF still give whole lines', () => {
    const lines: string[] = [];
    const decoder = new TextDecoder();
    const splitter = createLineSplitter(1024, {
      line: (bytes, start, end) => lines.push(decoder.decode(bytes.subarray(start, end))),
      overlong: () => lines.push('<overlong>'),
    });
    const bytes = new TextEncoder().encode('première ligne\r\nzweite Zeile\r\n');
    for (const byte of bytes) splitter.push(new Uint8Array([byte]));
    splitter.end();
    expect(lines).toEqual(['première ligne', 'zweite Zeile']);
  });

  it('random bytes never throw', () => {
    let seed = 12345;
    const random = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    for (let run = 0; run < 50; run++) {
      const analyzer = createLogAnalyzer({ maxLineBytes: 512 });
      analyzer.push(`${fieldsLine}\n`);
      const junk = new Uint8Array(4096);
      for (let index = 0; index < junk.length; index++)
        junk[index] = random() % 3 === 0 ? 0x20 : random() % 7 === 0 ? 0x0a : random() & 0xff;
      analyzer.push(junk);
      expect(() => analyzer.finish()).not.toThrow();
    }
  });
});
