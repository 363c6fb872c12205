/**
 * Incremental reader of a HAR document (HAR 1.2: `{"log": {"entries": [ ... ]}}`) that hands
 * out `log.entries[i]` one at a time, so a 200 MB HAR never becomes one string or one
 * `JSON.parse`. Memory is bounded by one entry: strings longer than `maxStringChars`
 * (response bodies, mostly) are cut while the entry is captured, and an entry still larger
 * than `maxEntryChars` is skipped and reported.
 *
 * It is a tokenizer, not a validator: it tracks strings, escapes, nesting and object keys
 * just enough to know where `log.entries` and each element start and end; each captured
 * element is then parsed by `JSON.parse`, which does the strict validation.
 */
export interface HarEntryReaderLimits {
  readonly maxStringChars: number;
  readonly maxEntryChars: number;
  readonly maxDepth: number;
}

export const defaultHarEntryReaderLimits: HarEntryReaderLimits = {
  // Kerberos tokens of users in many groups reach ~64 KB of base64 (§7.2): keep them whole.
  maxStringChars: 256 * 1024,
  maxEntryChars: 8 * 1024 * 1024,
  maxDepth: 64,
};

export interface HarEntrySink {
  /** One parsed element of `log.entries`; `truncatedStrings` counts strings cut short. */
  entry(value: unknown, index: number, truncatedStrings: number): void;
  /** An element that could not be kept (too large, or not valid JSON). */
  skipped(index: number, reason: string): void;
}

export class HarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HarFormatError';
  }
}

export interface HarEntryReader {
  push(chunk: string | Uint8Array): void;
  /** Throws HarFormatError when the document ended early or had no `log.entries`. */
  end(): { entries: number; topLevel: Readonly<Record<string, string>> };
}

const quote = 34;
const backslash = 92;
const openBrace = 123;
const closeBrace = 125;
const openBracket = 91;
const closeBracket = 93;
const colon = 58;
const comma = 44;

interface Frame {
  readonly array: boolean;
  /** Object: the key of the value being read. */
  key: string;
  /** Object: the next string is a key. */
  expectKey: boolean;
}

export function createHarEntryReader(
  sink: HarEntrySink,
  overrides: Partial<HarEntryReaderLimits> = {},
): HarEntryReader {
  const limits = { ...defaultHarEntryReaderLimits, ...overrides };
  const decoder = new TextDecoder('utf-8');
  const stack: Frame[] = [];
  let inString = false;
  let escapePending = false;
  let unicodeDigits = 0;
  let stringLength = 0;
  let keyText = '';
  let readingKey = false;
  let sawRoot = false;
  let rootClosed = false;
  let entriesDepth = -1;
  let entriesSeen = false;
  let entryIndex = 0;
  const topLevel: Record<string, string> = {};
  let scalarText = '';
  let scalarKey = '';
  let capturingScalar = false;

  // Capture of the current entry.
  let capturing = false;
  let captureParts: string[] = [];
  let captureLength = 0;
  let segmentStart = 0;
  let droppingString = false;
  let truncatedStrings = 0;
  let captureTooLarge = false;

  function fail(message: string): never {
    throw new HarFormatError(message);
  }

  function appendCapture(text: string): void {
    if (captureTooLarge) return;
    captureLength += text.length;
    if (captureLength > limits.maxEntryChars) {
      captureTooLarge = true;
      captureParts = [];
      return;
    }
    captureParts.push(text);
  }

  function finishCapture(): void {
    capturing = false;
    const index = entryIndex++;
    if (captureTooLarge) {
      sink.skipped(
        index,
        `entry larger than ${limits.maxEntryChars} characters even with long strings cut; skipped`,
      );
    } else {
      const text = captureParts.join('');
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        sink.skipped(
          index,
          `not valid JSON (${error instanceof Error ? error.message.slice(0, 120) : 'parse error'}); skipped`,
        );
        value = undefined;
      }
      if (value !== undefined) sink.entry(value, index, truncatedStrings);
    }
    captureParts = [];
    captureLength = 0;
    truncatedStrings = 0;
    captureTooLarge = false;
  }

  function inEntries(): boolean {
    return entriesDepth >= 0 && stack.length === entriesDepth;
  }

  function push(chunk: string | Uint8Array): void {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    scan(text);
  }

  function scan(text: string): void {
    const length = text.length;
    segmentStart = 0;
    for (let index = 0; index < length; index++) {
      const code = text.charCodeAt(index);
      if (inString) {
        if (escapePending) {
          escapePending = false;
          if (code === 117) unicodeDigits = 4;
        } else if (unicodeDigits > 0) {
          unicodeDigits--;
        } else if (code === backslash) {
          escapePending = true;
        } else if (code === quote) {
          inString = false;
          if (droppingString) {
            droppingString = false;
            segmentStart = index;
          }
          if (readingKey) {
            readingKey = false;
            const frame = stack[stack.length - 1];
            if (frame) {
              frame.key = keyText;
              frame.expectKey = false;
            }
          } else if (capturingScalar) {
            capturingScalar = false;
            topLevel[scalarKey] = scalarText;
          }
          continue;
        }
        stringLength++;
        if (readingKey) {
          if (keyText.length < 256) keyText += text[index];
        } else if (capturingScalar) {
          if (scalarText.length < 512) scalarText += text[index];
        }
        if (
          capturing &&
          !droppingString &&
          stringLength > limits.maxStringChars &&
          !escapePending &&
          unicodeDigits === 0
        ) {
          // Cut here: keep what came before, drop the rest of this string up to its closing quote.
          appendCapture(text.slice(segmentStart, index + 1));
          droppingString = true;
          truncatedStrings++;
        }
        continue;
      }
      if (code <= 32) continue;
      const frame = stack[stack.length - 1];
      if (code === quote) {
        inString = true;
        stringLength = 0;
        if (frame && !frame.array && frame.expectKey) {
          readingKey = true;
          keyText = '';
        } else if (
          !capturing &&
          frame &&
          !frame.array &&
          stack.length === 2 &&
          stack[0]?.key === 'log' &&
          (frame.key === 'comment' || frame.key === 'version')
        ) {
          capturingScalar = true;
          scalarKey = frame.key;
          scalarText = '';
        } else if (!capturing && stack.length === 3 && stack[1]?.key === 'creator' && frame?.key === 'name') {
          capturingScalar = true;
          scalarKey = 'creator';
          scalarText = '';
        }
        continue;
      }
      if (code === openBrace || code === openBracket) {
        if (rootClosed) fail('more data after the end of the HAR document');
        if (!sawRoot) {
          if (code !== openBrace) fail('a HAR file is a JSON object; this starts with something else');
          sawRoot = true;
        }
        if (inEntries() && !capturing) {
          if (code !== openBrace) fail(`log.entries[${entryIndex}] is not an object`);
          capturing = true;
          segmentStart = index;
        }
        if (stack.length >= limits.maxDepth) fail(`JSON nested deeper than ${limits.maxDepth} levels`);
        // log.entries: the array under key "entries" of the object under key "log" of the root.
        if (
          code === openBracket &&
          stack.length === 2 &&
          frame?.key === 'entries' &&
          stack[0]?.key === 'log'
        ) {
          entriesDepth = stack.length + 1;
          entriesSeen = true;
        }
        stack.push({ array: code === openBracket, key: '', expectKey: code === openBrace });
        continue;
      }
      if (code === closeBrace || code === closeBracket) {
        const closing = stack.pop();
        if (!closing || closing.array !== (code === closeBracket))
          fail('brackets do not match: the file is not valid JSON');
        if (code === closeBracket && stack.length + 1 === entriesDepth) entriesDepth = -1;
        if (capturing && inEntries()) {
          appendCapture(text.slice(segmentStart, index + 1));
          finishCapture();
        }
        if (stack.length === 0) rootClosed = true;
        continue;
      }
      if (!sawRoot) fail('a HAR file is a JSON object; this starts with something else');
      if (code === colon) continue;
      if (code === comma) {
        if (frame && !frame.array) frame.expectKey = true;
        continue;
      }
      // Numbers, true, false, null: nothing to track.
    }
    if (capturing && !droppingString) appendCapture(text.slice(segmentStart));
  }

  return {
    push,
    end() {
      scan(decoder.decode());
      if (!sawRoot) fail('empty file: no HAR document');
      if (!rootClosed) fail(`the HAR document ends early (truncated file?) after ${entryIndex} entries`);
      if (!entriesSeen) fail('no log.entries array: not a HAR file');
      return { entries: entryIndex, topLevel };
    },
  };
}
