/**
 * A small DER encoder (X.690 definite lengths): just the types the Kerberos and SPNEGO messages
 * of reference §8.3–§8.5 use. It writes what der-reader.ts reads: the simulated sign-in's tokens
 * (electron/host/scenario/sign-in/) are read by the app's own decoders as real ones are, and the
 * decoder tests build their hand-made tokens with it. Tag numbers come from der-reader.ts, one
 * source for both directions.
 */
import { application, context, derTags } from './der-reader.js';

export type DerBytes = readonly number[];

/** A definite length in the fewest bytes (short form below 128). */
export function definiteLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return [0x80 | bytes.length, ...bytes];
}

/** One TLV: tag, definite length, the concatenated parts as content. */
export function tlv(tag: number, ...parts: readonly DerBytes[]): number[] {
  const content = parts.flat();
  return [tag, ...definiteLength(content.length), ...content];
}

export const explicitTag = (tagNumber: number, ...parts: readonly DerBytes[]): number[] =>
  tlv(context(tagNumber), ...parts);

export const applicationTag = (tagNumber: number, ...parts: readonly DerBytes[]): number[] =>
  tlv(application(tagNumber), ...parts);

export const sequence = (...parts: readonly DerBytes[]): number[] => tlv(derTags.sequence, ...parts);

/** A non-negative INTEGER in the fewest bytes, with a leading zero when the high bit is set. */
export function integer(value: number): number[] {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`DER integer ${value} is not supported`);
  const bytes: number[] = [];
  for (let rest = value; ; rest = Math.floor(rest / 256)) {
    bytes.unshift(rest % 256);
    if (rest < 256) break;
  }
  if ((bytes[0] ?? 0) & 0x80) bytes.unshift(0);
  return tlv(derTags.integer, bytes);
}

export const enumerated = (value: number): number[] => [derTags.enumerated, ...integer(value).slice(1)];

export const octetString = (bytes: DerBytes): number[] => tlv(derTags.octetString, bytes);

/** KerberosString / Realm: GeneralString holding ASCII (RFC 4120 §5.2.1). */
export const generalString = (text: string): number[] =>
  tlv(derTags.generalString, Array.from(new TextEncoder().encode(text)));

/** KerberosTime: GeneralizedTime `YYYYMMDDHHMMSSZ` without fractions (RFC 4120 §5.2.3). */
export function kerberosTime(date: Date): number[] {
  const text = `${date.toISOString().slice(0, 19).replace(/[-:T]/g, '')}Z`;
  return tlv(derTags.generalizedTime, Array.from(new TextEncoder().encode(text)));
}

/** BIT STRING with no unused bits. */
export const bitString = (bytes: DerBytes): number[] => tlv(derTags.bitString, [0, ...bytes]);

export function objectIdentifier(dotted: string): number[] {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const body = [first * 40 + second];
  for (const arc of rest) {
    const groups: number[] = [];
    for (let value = arc; ; value = Math.floor(value / 128)) {
      groups.unshift(value % 128);
      if (value < 128) break;
    }
    body.push(...groups.map((group, index) => (index < groups.length - 1 ? group | 0x80 : group)));
  }
  return tlv(derTags.oid, body);
}
