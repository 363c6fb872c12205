/**
 * Splits a stream of byte (or text) chunks into lines without ever holding more than one
 * line of at most `maxLineBytes` in memory: a longer line is dropped, measured and
 * reported, so a multi-gigabyte file with no newline cannot exhaust memory.
 *
 * Lines are handed out as (bytes, start, end) views into the chunk itself to avoid a copy
 * per line; only a line that straddles two chunks is copied into the carry buffer.
 */
export interface LineSink {
  /** `end` excludes the newline and any trailing CR (IIS writes CRLF). */
  line(bytes: Uint8Array, start: number, end: number): void;
  /** A line longer than the cap was skipped; `length` counts its bytes (no newline). */
  overlong(length: number): void;
}

export interface LineSplitter {
  push(chunk: Uint8Array | string): void;
  /** Flushes a last line without a final newline. */
  end(): void;
  /** Bytes received so far. */
  readonly bytes: number;
}

const newline = 10;
const carriageReturn = 13;

export function createLineSplitter(maxLineBytes: number, sink: LineSink): LineSplitter {
  const carry = new Uint8Array(maxLineBytes);
  let carryLength = 0;
  /** Length of a line being skipped because it is too long, or -1. */
  let skipping = -1;
  let bytes = 0;
  const encoder = new TextEncoder();

  function emit(buffer: Uint8Array, start: number, end: number): void {
    const trimmed = end > start && buffer[end - 1] === carriageReturn ? end - 1 : end;
    sink.line(buffer, start, trimmed);
  }

  function push(chunk: Uint8Array | string): void {
    const data = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    const length = data.length;
    bytes += length;
    let position = 0;
    if (skipping >= 0 || carryLength > 0) {
      const lineEnd = data.indexOf(newline);
      if (lineEnd < 0) {
        appendToCarry(data, 0, length);
        return;
      }
      appendToCarry(data, 0, lineEnd);
      if (skipping >= 0) {
        sink.overlong(skipping);
        skipping = -1;
      } else {
        emit(carry, 0, carryLength);
      }
      carryLength = 0;
      position = lineEnd + 1;
    }
    for (;;) {
      const lineEnd = data.indexOf(newline, position);
      if (lineEnd < 0) break;
      if (lineEnd - position > maxLineBytes) sink.overlong(lineEnd - position);
      else emit(data, position, lineEnd);
      position = lineEnd + 1;
    }
    if (position < length) appendToCarry(data, position, length);
  }

  function appendToCarry(data: Uint8Array, start: number, end: number): void {
    const count = end - start;
    if (skipping >= 0) {
      skipping += count;
      return;
    }
    if (carryLength + count > maxLineBytes) {
      skipping = carryLength + count;
      carryLength = 0;
      return;
    }
    carry.set(data.subarray(start, end), carryLength);
    carryLength += count;
  }

  return {
    push,
    end() {
      if (skipping >= 0) sink.overlong(skipping);
      else if (carryLength > 0) emit(carry, 0, carryLength);
      skipping = -1;
      carryLength = 0;
    },
    get bytes() {
      return bytes;
    },
  };
}
