/**
 * A dropped or picked File as a capture source: read through `File.stream()` chunk by
 * chunk, so a multi-gigabyte log is never held whole (the renderer reads the file itself;
 * no path ever goes to the main process).
 */
import type { CaptureSource } from '../../../../shared/capture/capture-analysis.js';

export function fileCaptureSource(file: File): CaptureSource {
  return {
    name: file.name,
    bytes: file.size,
    async read(onChunk) {
      const reader = file.stream().getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          onChunk(value);
        }
      } catch (error) {
        // Cancelled or unreadable: stop the stream so the browser releases the file.
        await reader.cancel().catch(() => undefined);
        throw error;
      }
    },
  };
}
