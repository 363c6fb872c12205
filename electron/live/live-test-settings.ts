/**
 * The few settings of the live sign-in test a person (or a lab) may give on the command line
 * of `iwa-doctor diagnose --live` and of the web harness: which DNS server to ask (an internal
 * resolver, or the lab's dnsmasq), which search suffixes expand a short host name (instead of
 * this computer's search list), which extra certificate authority to trust (an internal CA,
 * or the lab's self-signed certificate) and how long each step may take. They are read once,
 * at start; the renderer never sets them — it sends only the URL.
 */
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { normalizeSuffix } from './dns-search-list.js';
import type { LiveTestOptions } from './run-live-sign-in-test.js';

/** Bad setting: one line a person can act on. */
export class LiveTestSettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LiveTestSettingError';
  }
}

export interface LiveTestSettingText {
  /** `address:port` or `address` (port 53); IPv6 as `[address]:port`. */
  readonly dnsServer?: string | undefined;
  /** DNS search suffixes, comma-separated (`corp.contoso.com,contoso.com`). */
  readonly dnsSearch?: string | undefined;
  /** A PEM file with one or more CA certificates. */
  readonly caFile?: string | undefined;
  /** Milliseconds for each DNS lookup, HTTP request and Kerberos call. */
  readonly timeoutMs?: string | undefined;
}

const maxCaFileBytes = 1024 * 1024;
const pemCertificate = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----/g;

/** Node's resolver takes `address`, `address:port` or `[v6]:port` and throws on anything else. */
export function parseDnsServer(text: string): string {
  const bracketed = /^\[([0-9A-Fa-f:.]+)\](?::(\d{1,5}))?$/.exec(text);
  const plain = /^([0-9.]+)(?::(\d{1,5}))?$/.exec(text);
  const match = bracketed ?? plain;
  const address = match?.[1] ?? '';
  const port = match?.[2] === undefined ? 53 : Number(match[2]);
  if (!match || isIP(address) !== (bracketed ? 6 : 4) || port < 1 || port > 65535) {
    throw new LiveTestSettingError(
      `--dns-server takes an IP address and optional port, e.g. 10.0.0.53 or 127.0.0.1:5353 (got "${text.slice(0, 60)}")`,
    );
  }
  return bracketed ? `[${address}]:${port}` : `${address}:${port}`;
}

export function parseDnsSearch(text: string): string[] {
  const words = text.split(',').map((word) => word.trim());
  const suffixes = words.map(normalizeSuffix);
  if (words.length > 6 || suffixes.some((suffix) => suffix === null)) {
    throw new LiveTestSettingError(
      `--dns-search takes up to six DNS suffixes separated by commas, e.g. contoso.com or corp.contoso.com,contoso.com (got "${text.slice(0, 60)}")`,
    );
  }
  return suffixes as string[];
}

export function parseTimeoutMs(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 500 || value > 120_000) {
    throw new LiveTestSettingError(
      `--timeout takes milliseconds from 500 to 120000 (got "${text.slice(0, 20)}")`,
    );
  }
  return value;
}

export async function readCaFile(path: string): Promise<string[]> {
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.length > maxCaFileBytes)
      throw new LiveTestSettingError(`--ca-file ${path} is larger than 1 MB`);
    text = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof LiveTestSettingError) throw error;
    throw new LiveTestSettingError(
      `--ca-file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  const certificates = text.match(pemCertificate) ?? [];
  if (certificates.length === 0)
    throw new LiveTestSettingError(
      `--ca-file ${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`,
    );
  return certificates;
}

export async function liveTestOptionsFrom(settings: LiveTestSettingText): Promise<LiveTestOptions> {
  return {
    ...(settings.dnsServer !== undefined ? { dnsServer: parseDnsServer(settings.dnsServer) } : {}),
    ...(settings.dnsSearch !== undefined ? { dnsSearch: parseDnsSearch(settings.dnsSearch) } : {}),
    ...(settings.caFile !== undefined ? { trustedCertificates: await readCaFile(settings.caFile) } : {}),
    ...(settings.timeoutMs !== undefined ? { timeoutMs: parseTimeoutMs(settings.timeoutMs) } : {}),
  };
}
