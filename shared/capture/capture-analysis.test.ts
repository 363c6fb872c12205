/**
 * One import of several files: logs read together, each HAR on its own, progress over all
 * bytes, cancel between chunks, and a summary table whose causes come from the findings.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  analyzeCaptureSources,
  CaptureCancelledError,
  type CaptureProgress,
  type CaptureSource,
} from './capture-analysis.js';

const data = new URL('../../../shared/data/', import.meta.url);

function source(path: string, chunkBytes = 512): CaptureSource {
  const bytes = readFileSync(new URL(path, data));
  return {
    name: path.split('/').at(-1)!,
    bytes: bytes.length,
    async read(onChunk) {
      for (let offset = 0; offset < bytes.length; offset += chunkBytes)
        onChunk(bytes.subarray(offset, offset + chunkBytes));
    },
  };
}

const har = 'har/DERIVED-arkime-http-ntlm-proxy-auth.har';
const preauth = 'iislogs/msdocs-401-1-preauth-2148074254.log';
const webdeploy = 'iislogs/msdocs-webdeploy-wmsvc-401.log';

describe('capture analysis', () => {
  it('logs first then HARs, progress up to every byte, summary rows with their causes', async () => {
    const progress: CaptureProgress[] = [];
    const sources = [source(har), source(preauth), source(webdeploy)];
    const analysis = await analyzeCaptureSources(sources, { onProgress: (entry) => progress.push(entry) });
    expect(analysis.files.map((file) => `${file.kind} ${file.name}`)).toEqual([
      'log msdocs-401-1-preauth-2148074254.log',
      'log msdocs-webdeploy-wmsvc-401.log',
      'har DERIVED-arkime-http-ntlm-proxy-auth.har',
    ]);
    const total = sources.reduce((sum, entry) => sum + entry.bytes, 0);
    expect(progress.at(-1)).toEqual({
      file: 'DERIVED-arkime-http-ntlm-proxy-auth.har',
      fileIndex: 2,
      files: 3,
      bytesDone: total,
      bytesTotal: total,
    });
    expect(
      progress.every((entry, index) => index === 0 || entry.bytesDone >= progress[index - 1]!.bytesDone),
    ).toBe(true);
    expect(
      analysis.summary.map(
        (row) =>
          `${row.source} ${row.kind} ${row.occurrences} ${row.problem ? 'problem' : 'ok'} [${row.causes.map((cause) => `${cause.cause}/${cause.confidence}`).join(' ')}]`,
      ),
    ).toEqual([
      'log logon-denied 1 problem [stored-credentials/possible]',
      'log ntlm-preauth 1 problem [ntlm-preauth-kernel-mode/possible]',
      'har normal-ntlm 1 ok [challenge-normal/confirmed]',
      'har proxy-auth 1 ok []',
    ]);
    expect(analysis.findings).toHaveLength(3);
    expect(analysis.unreadable).toEqual([]);
  });

  it('a file that is not a HAR is listed as unreadable; the others are still analyzed', async () => {
    const notHar = { ...source(webdeploy), name: 'capture.har' };
    const analysis = await analyzeCaptureSources([notHar, source(preauth)]);
    expect(analysis.unreadable).toEqual([
      {
        file: 'capture.har',
        message: 'capture.har: a HAR file is a JSON object; this starts with something else',
      },
    ]);
    expect(analysis.patterns.map((pattern) => pattern.kind)).toEqual(['ntlm-preauth']);
  });

  it('cancel stops at the next chunk', async () => {
    let chunks = 0;
    const counting: CaptureSource = {
      ...source(webdeploy, 16),
      read: (onChunk) => source(webdeploy, 16).read((chunk) => (chunks++, onChunk(chunk))),
    };
    await expect(analyzeCaptureSources([counting], { cancelled: () => chunks >= 3 })).rejects.toBeInstanceOf(
      CaptureCancelledError,
    );
    expect(chunks).toBe(3);
  });
});
