/**
 * Reads a file in fixed-size chunks into one reused buffer: the analyzers copy what they
 * keep before the next read, so memory stays at one chunk whatever the file size.
 */
import { open } from 'node:fs/promises';

export const defaultChunkBytes = 1024 * 1024;

export async function readFileChunks(
  path: string,
  onChunk: (chunk: Uint8Array) => void,
  options: { signal?: AbortSignal; chunkBytes?: number } = {},
): Promise<number> {
  const buffer = Buffer.allocUnsafe(options.chunkBytes ?? defaultChunkBytes);
  const handle = await open(path, 'r');
  let total = 0;
  try {
    for (;;) {
      options.signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      onChunk(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return total;
}
