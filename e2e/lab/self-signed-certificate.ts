/**
 * A self-signed X.509 v3 certificate for the lab's HTTPS site, built with node:crypto alone
 * (no openssl binary needed): an EC P-256 key, and a DER TBSCertificate signed with
 * ecdsa-with-SHA256 (RFC 5280 §4.1; RFC 5758 §3.2 for the algorithm; RFC 5480 for the key).
 * Test use only: valid for two days, names given by the caller.
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { isIP } from 'node:net';

export interface SelfSignedCertificate {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

function length(size: number): Buffer {
  if (size < 0x80) return Buffer.from([size]);
  const bytes: number[] = [];
  for (let rest = size; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

const sequence = (...content: Buffer[]): Buffer => tlv(0x30, ...content);
const set = (...content: Buffer[]): Buffer => tlv(0x31, ...content);

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const chunk: number[] = [arc & 0x7f];
    for (let value = arc >> 7; value > 0; value >>= 7) chunk.unshift((value & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function integer(bytes: Buffer): Buffer {
  // Positive INTEGER: a leading 0x00 when the high bit is set.
  return tlv(0x02, (bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  return tlv(0x17, Buffer.from(text, 'ascii'));
}

function commonName(name: string): Buffer {
  return sequence(set(sequence(oid('2.5.4.3'), tlv(0x0c, Buffer.from(name, 'utf8')))));
}

function ipv4Bytes(address: string): Buffer {
  return Buffer.from(address.split('.').map(Number));
}

export function createSelfSignedCertificate(
  commonNameText: string,
  altNames: readonly string[],
): SelfSignedCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const ecdsaWithSha256 = sequence(oid('1.2.840.10045.4.3.2'));
  const now = Date.now();
  const subjectAltName = sequence(
    ...altNames.map((name) =>
      isIP(name) === 4 ? tlv(0x87, ipv4Bytes(name)) : tlv(0x82, Buffer.from(name, 'ascii')),
    ),
  );
  const extensions = tlv(
    0xa3,
    sequence(
      sequence(oid('2.5.29.17'), tlv(0x04, subjectAltName)),
      // basicConstraints: not a CA (RFC 5280 §4.2.1.9).
      sequence(oid('2.5.29.19'), tlv(0x04, sequence())),
    ),
  );
  const tbs = sequence(
    tlv(0xa0, integer(Buffer.from([2]))), // v3
    integer(randomBytes(12)),
    ecdsaWithSha256,
    commonName(commonNameText),
    sequence(utcTime(new Date(now - 60 * 60 * 1000)), utcTime(new Date(now + 2 * 24 * 60 * 60 * 1000))),
    commonName(commonNameText),
    publicKey.export({ type: 'spki', format: 'der' }),
    extensions,
  );
  const signature = sign('sha256', tbs, privateKey); // DER ECDSA-Sig-Value
  const certificate = sequence(tbs, ecdsaWithSha256, tlv(0x03, Buffer.from([0]), signature));
  const base64Lines = certificate.toString('base64').match(/.{1,64}/g) ?? [];
  return {
    certificatePem: `-----BEGIN CERTIFICATE-----\n${base64Lines.join('\n')}\n-----END CERTIFICATE-----\n`,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
