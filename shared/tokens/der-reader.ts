/**
 * A small, strict, bounded DER reader for the few ASN.1 structures in HTTP Negotiate
 * tokens (SPNEGO, RFC 4178; Kerberos, RFC 4120 §5; reference §8.3–8.5).
 *
 * Why our own and not a library: the maintained JavaScript ASN.1 libraries (asn1js,
 * @peculiar/asn1-schema) are BER-tolerant by design, allocate a full object tree for
 * anything they are handed, and report failures as mixed thrown types or `-1` results;
 * none of them is documented to be safe against hostile input. We need ~150 lines:
 * definite lengths only, single-byte tags only, every read bounds-checked against its
 * parent, every failure a `TokenDecodeError`. Bounds: the reader never copies bytes
 * (views only), lengths are at most 4 octets and must fit inside the parent, and nesting
 * is capped at `maxDerDepth`, so time and memory are linear in the input.
 */
import { TokenDecodeError } from './token-decode-error.js';

export const maxDerDepth = 32;

export type DerTagClass = 'universal' | 'application' | 'context' | 'private';

export interface DerElement {
  /** The whole identifier octet, e.g. 0x60 for [APPLICATION 0] constructed. */
  readonly tag: number;
  readonly tagClass: DerTagClass;
  readonly constructed: boolean;
  readonly tagNumber: number;
  /** Offset of the identifier octet from the start of the outermost buffer. */
  readonly offset: number;
  readonly content: Uint8Array;
  /** Offset of the first content octet from the start of the outermost buffer. */
  readonly contentOffset: number;
  readonly depth: number;
}

const tagClasses: readonly DerTagClass[] = ['universal', 'application', 'context', 'private'];

export const derTags = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  oid: 0x06,
  enumerated: 0x0a,
  utf8String: 0x0c,
  generalizedTime: 0x18,
  generalString: 0x1b,
  sequence: 0x30,
} as const;

/** Context-specific constructed tag `[n]`, e.g. `context(0)` = 0xa0. */
export function context(tagNumber: number): number {
  return 0xa0 | tagNumber;
}

/** Application constructed tag `[APPLICATION n]`, e.g. `application(14)` = 0x6e (AP-REQ). */
export function application(tagNumber: number): number {
  return 0x60 | tagNumber;
}

export function describeTag(tag: number): string {
  const tagClass = tagClasses[tag >> 6] ?? 'universal';
  const number = tag & 0x1f;
  if (tagClass === 'universal') return `universal tag 0x${tag.toString(16).padStart(2, '0')}`;
  return `[${tagClass === 'context' ? '' : `${tagClass.toUpperCase()} `}${number}]`;
}

export class DerReader {
  private position = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly baseOffset = 0,
    private readonly depth = 0,
  ) {
    if (depth > maxDerDepth) {
      throw new TokenDecodeError(
        'der-too-deep',
        `ASN.1 nesting deeper than ${maxDerDepth} levels at byte ${baseOffset}`,
      );
    }
  }

  /** A reader over the content of a constructed element. */
  static inside(element: DerElement, what: string): DerReader {
    if (!element.constructed) {
      throw new TokenDecodeError(
        'der-invalid',
        `${what} at byte ${element.offset} must be a constructed element`,
      );
    }
    return new DerReader(element.content, element.contentOffset, element.depth + 1);
  }

  get atEnd(): boolean {
    return this.position >= this.bytes.length;
  }

  get offset(): number {
    return this.baseOffset + this.position;
  }

  /** Bytes not yet read (a view, not a copy). */
  rest(): Uint8Array {
    return this.bytes.subarray(this.position);
  }

  peekTag(): number | null {
    return this.atEnd ? null : (this.bytes[this.position] ?? null);
  }

  read(what: string): DerElement {
    const start = this.position;
    const offset = this.baseOffset + start;
    const tag = this.bytes[start];
    if (tag === undefined) {
      throw new TokenDecodeError(
        'truncated',
        `${what}: token ends at byte ${offset} where an ASN.1 element was expected`,
      );
    }
    if ((tag & 0x1f) === 0x1f) {
      throw new TokenDecodeError(
        'der-invalid',
        `${what}: multi-byte ASN.1 tag at byte ${offset} is not used by these protocols`,
      );
    }
    const first = this.bytes[start + 1];
    if (first === undefined) {
      throw new TokenDecodeError(
        'truncated',
        `${what}: token ends inside the ASN.1 length at byte ${offset + 1}`,
      );
    }
    let length: number;
    let headerLength: number;
    if (first < 0x80) {
      length = first;
      headerLength = 2;
    } else if (first === 0x80) {
      throw new TokenDecodeError(
        'der-invalid',
        `${what}: indefinite ASN.1 length at byte ${offset + 1} is not DER`,
      );
    } else {
      const octets = first & 0x7f;
      if (octets > 4) {
        throw new TokenDecodeError(
          'der-invalid',
          `${what}: ASN.1 length of ${octets} octets at byte ${offset + 1} is too large`,
        );
      }
      if (start + 2 + octets > this.bytes.length) {
        throw new TokenDecodeError(
          'truncated',
          `${what}: token ends inside the ASN.1 length at byte ${offset + 1}`,
        );
      }
      length = 0;
      for (let index = 0; index < octets; index += 1) {
        length = length * 256 + (this.bytes[start + 2 + index] ?? 0);
      }
      if (this.bytes[start + 2] === 0 || length < 0x80) {
        throw new TokenDecodeError(
          'der-invalid',
          `${what}: non-minimal ASN.1 length at byte ${offset + 1} is not DER`,
        );
      }
      headerLength = 2 + octets;
    }
    const contentStart = start + headerLength;
    if (length > this.bytes.length - contentStart) {
      throw new TokenDecodeError(
        'truncated',
        `${what}: ASN.1 element at byte ${offset} claims ${length} bytes but only ${this.bytes.length - contentStart} remain`,
      );
    }
    this.position = contentStart + length;
    return {
      tag,
      tagClass: tagClasses[tag >> 6] ?? 'universal',
      constructed: (tag & 0x20) !== 0,
      tagNumber: tag & 0x1f,
      offset,
      content: this.bytes.subarray(contentStart, contentStart + length),
      contentOffset: this.baseOffset + contentStart,
      depth: this.depth,
    };
  }

  /** Reads the next element and insists on its tag. */
  expect(tag: number, what: string): DerElement {
    const next = this.peekTag();
    if (next !== null && next !== tag) {
      throw new TokenDecodeError(
        'unexpected-structure',
        `${what}: expected ${describeTag(tag)} at byte ${this.offset} but found ${describeTag(next)}`,
      );
    }
    return this.read(what);
  }

  /** Reads the next element only when it carries `tag` (OPTIONAL fields). */
  optional(tag: number, what: string): DerElement | null {
    return this.peekTag() === tag ? this.read(what) : null;
  }

  /** Skips elements until one with a tag other than those listed; for extensible SEQUENCEs (`...`). */
  skipUnknown(knownTags: readonly number[], what: string): void {
    while (!this.atEnd) {
      const next = this.peekTag();
      if (next !== null && knownTags.includes(next)) return;
      this.read(what);
    }
  }

  expectEnd(what: string): void {
    if (!this.atEnd) {
      throw new TokenDecodeError(
        'unexpected-structure',
        `${what}: unexpected ${describeTag(this.peekTag() ?? 0)} at byte ${this.offset} after the last field`,
      );
    }
  }
}

/** The single element inside an explicit context tag `[n] Type`. */
export function unwrapExplicit(element: DerElement, innerTag: number, what: string): DerElement {
  const reader = DerReader.inside(element, what);
  const inner = reader.expect(innerTag, what);
  reader.expectEnd(what);
  return inner;
}

/** INTEGER (or ENUMERATED) as a JavaScript number; Kerberos Int32/UInt32 fit in 5 octets. */
export function integerValue(element: DerElement, what: string): number {
  const bytes = element.content;
  const first = bytes[0];
  if (first === undefined) {
    throw new TokenDecodeError('der-invalid', `${what}: empty INTEGER at byte ${element.offset}`);
  }
  if (bytes.length > 5) {
    throw new TokenDecodeError(
      'der-invalid',
      `${what}: INTEGER at byte ${element.offset} is larger than 32 bits`,
    );
  }
  const second = bytes[1];
  if (second !== undefined && ((first === 0x00 && second < 0x80) || (first === 0xff && second >= 0x80))) {
    throw new TokenDecodeError(
      'der-invalid',
      `${what}: non-minimal INTEGER at byte ${element.offset} is not DER`,
    );
  }
  let value = first >= 0x80 ? first - 256 : first;
  for (let index = 1; index < bytes.length; index += 1) {
    value = value * 256 + (bytes[index] ?? 0);
  }
  return value;
}

export function oidValue(element: DerElement, what: string): string {
  const bytes = element.content;
  if (bytes.length === 0 || bytes.length > 64) {
    throw new TokenDecodeError(
      'der-invalid',
      `${what}: OBJECT IDENTIFIER at byte ${element.offset} has ${bytes.length} bytes`,
    );
  }
  const arcs: number[] = [];
  let arc = 0;
  let arcStarted = false;
  for (const byte of bytes) {
    if (!arcStarted && byte === 0x80) {
      throw new TokenDecodeError(
        'der-invalid',
        `${what}: non-minimal OBJECT IDENTIFIER arc at byte ${element.offset}`,
      );
    }
    arcStarted = true;
    arc = arc * 128 + (byte & 0x7f);
    if (arc > 0xffffffff) {
      throw new TokenDecodeError(
        'der-invalid',
        `${what}: OBJECT IDENTIFIER arc over 32 bits at byte ${element.offset}`,
      );
    }
    if ((byte & 0x80) === 0) {
      arcs.push(arc);
      arc = 0;
      arcStarted = false;
    }
  }
  if (arcStarted) {
    throw new TokenDecodeError(
      'truncated',
      `${what}: OBJECT IDENTIFIER at byte ${element.offset} ends inside an arc`,
    );
  }
  const head = arcs[0] ?? 0;
  const first = head < 40 ? 0 : head < 80 ? 1 : 2;
  return [first, head - first * 40, ...arcs.slice(1)].join('.');
}

export interface BitStringValue {
  readonly unusedBits: number;
  readonly bytes: Uint8Array;
}

export function bitStringValue(element: DerElement, what: string): BitStringValue {
  const unusedBits = element.content[0];
  if (unusedBits === undefined || unusedBits > 7 || (element.content.length === 1 && unusedBits !== 0)) {
    throw new TokenDecodeError('der-invalid', `${what}: malformed BIT STRING at byte ${element.offset}`);
  }
  return { unusedBits, bytes: element.content.subarray(1) };
}

/** Bit `n` in ASN.1 numbering (bit 0 = most significant bit of the first octet). */
export function bitIsSet(bits: BitStringValue, bit: number): boolean {
  const byte = bits.bytes[bit >> 3];
  if (byte === undefined) return false;
  if (bit >> 3 === bits.bytes.length - 1 && 7 - (bit & 7) < bits.unusedBits) return false;
  return (byte & (0x80 >> (bit & 7))) !== 0;
}

/** KerberosTime ::= GeneralizedTime "YYYYMMDDHHMMSSZ" (RFC 4120 §5.2.3) as ISO 8601. */
export function generalizedTimeValue(element: DerElement, what: string): string {
  const text = asciiText(element.content);
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d{1,9})?Z$/.exec(text);
  if (!match) {
    throw new TokenDecodeError('der-invalid', `${what}: malformed GeneralizedTime at byte ${element.offset}`);
  }
  return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`;
}

function asciiText(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes.subarray(0, 32)) text += String.fromCharCode(byte);
  return bytes.length > 32 ? `${text}…` : text;
}
