/**
 * Fuzz harness shared by the short run inside `vitest` (decoders.fuzz.test.ts) and the long
 * run (`scripts/fuzz-decoders.ts`): the decoders under test, a seed corpus made of every
 * real token in ../shared/data/tokens plus every DER element and NTLMSSP message embedded
 * in them (so the inner decoders get meaningful starting points), and byte mutators.
 * The contract checked: an input either decodes or raises TokenDecodeError.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeBase64Token } from './base64-token.js';
import { decodeCarriedToken } from './carried-token.js';
import { DerReader } from './der-reader.js';
import type { DerElement } from './der-reader.js';
import { decodeAuthToken } from './decode-auth-token.js';
import { decodeKerberosMessage, decodeKerberosTgtRequest } from './kerberos-messages.js';
import { decodeNegoexMessages } from './negoex-messages.js';
import { decodeNtlmMessage } from './ntlm-messages.js';
import { decodeNegotiationToken } from './spnego.js';
import { TokenDecodeError } from './token-decode-error.js';

export const tokenDataDir = resolve(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../../shared/data/tokens',
);

export interface FuzzTarget {
  readonly name: string;
  readonly decode: (bytes: Uint8Array) => unknown;
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

/** Walks every element the reader can reach, descending into constructed ones (exercises the reader alone). */
function walkDer(bytes: Uint8Array): number {
  let count = 0;
  const visit = (reader: DerReader): void => {
    while (!reader.atEnd) {
      const element: DerElement = reader.read('fuzz');
      count += 1;
      if (element.constructed) visit(DerReader.inside(element, 'fuzz'));
    }
  };
  visit(new DerReader(bytes));
  return count;
}

export const fuzzTargets: readonly FuzzTarget[] = [
  {
    name: 'decodeAuthToken (Negotiate header)',
    decode: (bytes) => JSON.stringify(decodeAuthToken(`Negotiate ${base64(bytes)}`)),
  },
  {
    name: 'decodeAuthToken (text)',
    decode: (bytes) => JSON.stringify(decodeAuthToken(Buffer.from(bytes).toString('latin1'))),
  },
  { name: 'base64', decode: (bytes) => decodeBase64Token(Buffer.from(bytes).toString('latin1')) },
  { name: 'DER reader', decode: walkDer },
  { name: 'SPNEGO', decode: (bytes) => decodeNegotiationToken(bytes, 0, false) },
  { name: 'GSS/mechanism token', decode: (bytes) => decodeCarriedToken(bytes, 0) },
  { name: 'Kerberos message', decode: (bytes) => decodeKerberosMessage(bytes) },
  { name: 'Kerberos TGT-REQ', decode: (bytes) => decodeKerberosTgtRequest(bytes) },
  { name: 'NTLMSSP', decode: (bytes) => decodeNtlmMessage(bytes) },
  { name: 'NEGOEX', decode: (bytes) => decodeNegoexMessages(bytes) },
];

/** Runs one input; returns 'decoded' or 'rejected', and rethrows anything that is not a TokenDecodeError. */
export function runTarget(target: FuzzTarget, bytes: Uint8Array): 'decoded' | 'rejected' {
  try {
    target.decode(bytes);
    return 'decoded';
  } catch (error) {
    if (error instanceof TokenDecodeError) return 'rejected';
    throw error;
  }
}

function realTokens(): Uint8Array[] {
  const tokens: Uint8Array[] = [];
  for (const file of readdirSync(tokenDataDir).filter((name) => name.endsWith('.txt'))) {
    for (const line of readFileSync(resolve(tokenDataDir, file), 'utf8').split('\n')) {
      const text = line.trim();
      if (text === '' || text.startsWith('#')) continue;
      tokens.push(Uint8Array.from(Buffer.from(text, 'base64')));
    }
  }
  return tokens;
}

const ntlmSignature = Buffer.from('NTLMSSP\0', 'latin1');
const negoexSignature = Buffer.from('NEGOEXTS', 'latin1');

/** Real tokens (as bytes, as base64 text, as a header line) plus every well-formed DER element and NTLMSSP/NEGOEX message inside them (de-duplicated). */
export function seedCorpus(): Uint8Array[] {
  const seen = new Set<string>();
  const corpus: Uint8Array[] = [];
  const add = (bytes: Uint8Array) => {
    const key = Buffer.from(bytes).toString('base64');
    if (bytes.length > 0 && !seen.has(key)) {
      seen.add(key);
      corpus.push(bytes);
    }
  };
  for (const token of realTokens()) {
    add(token);
    // Text seeds for the text-level targets: a header line and bare base64.
    add(Uint8Array.from(Buffer.from(`Authorization: Negotiate ${base64(token)}`, 'latin1')));
    add(Uint8Array.from(Buffer.from(base64(token), 'latin1')));
    const buffer = Buffer.from(token);
    for (let offset = 0; offset < token.length; offset += 1) {
      if (
        buffer.subarray(offset, offset + 8).equals(ntlmSignature) ||
        buffer.subarray(offset, offset + 8).equals(negoexSignature)
      ) {
        add(token.subarray(offset));
      }
      const tag = token[offset];
      if (tag === undefined || (tag & 0x20) === 0) continue;
      try {
        const element = new DerReader(token.subarray(offset)).read('seed');
        if (element.content.length >= 2)
          add(token.subarray(offset, offset + element.contentOffset + element.content.length));
      } catch (error) {
        if (!(error instanceof TokenDecodeError)) throw error;
      }
    }
  }
  return corpus;
}

/** The seeds a target accepts unmodified (mutating those reaches deep code); all seeds if it accepts none. */
export function seedsFor(target: FuzzTarget, corpus: readonly Uint8Array[]): Uint8Array[] {
  const accepted = corpus.filter((seed) => runTarget(target, seed) === 'decoded');
  return accepted.length > 0 ? accepted : [...corpus];
}

/** A tiny deterministic PRNG (xorshift32) so the long run is reproducible from its seed. */
export function xorshift32(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}

const interesting = [0x00, 0x01, 0x02, 0x30, 0x60, 0x7f, 0x80, 0x81, 0x82, 0x84, 0x85, 0xa0, 0xa1, 0xff];

/** Applies 1–8 random edits: flip, set to an interesting byte, insert, delete, truncate, duplicate a slice, or 16-bit field stomp. */
export function mutate(input: Uint8Array, random: () => number): Uint8Array {
  let bytes = Array.from(input);
  // Mostly one or two edits, sometimes up to eight: small changes get past the outer checks.
  const edits = 1 + Math.min(random() % 8, random() % 8);
  for (let edit = 0; edit < edits; edit += 1) {
    const position = bytes.length === 0 ? 0 : random() % bytes.length;
    switch (random() % 7) {
      case 0:
        if (bytes.length > 0) bytes[position] = (bytes[position] ?? 0) ^ (1 << (random() % 8));
        break;
      case 1:
        if (bytes.length > 0) bytes[position] = interesting[random() % interesting.length] ?? 0;
        break;
      case 2:
        bytes.splice(position, 0, random() & 0xff);
        break;
      case 3:
        bytes.splice(position, 1 + (random() % 4));
        break;
      case 4:
        bytes = bytes.slice(0, position);
        break;
      case 5: {
        const length = 1 + (random() % 16);
        bytes.splice(position, 0, ...bytes.slice(position, position + length));
        break;
      }
      default: {
        const value = random() & 0xffff;
        bytes[position] = value & 0xff;
        if (position + 1 < bytes.length) bytes[position + 1] = value >> 8;
      }
    }
  }
  return Uint8Array.from(bytes);
}

export function randomBytes(random: () => number, maxLength: number): Uint8Array {
  const bytes = new Uint8Array(random() % (maxLength + 1));
  for (let index = 0; index < bytes.length; index += 1) bytes[index] = random() & 0xff;
  return bytes;
}
