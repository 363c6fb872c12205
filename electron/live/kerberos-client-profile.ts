/**
 * The Kerberos library settings the live test runs its ticket requests with, so it asks for
 * exactly the SPN a browser would and can tell what the library did.
 *
 * - MIT krb5 canonicalises a host-based name (`HTTP@host`) through DNS by default
 *   (`dns_canonicalize_hostname = true`, `rdns = true`): the forward lookup replaces an alias
 *   by its canonical name and the reverse lookup by the PTR name. The browser has already
 *   chosen the host (reference §2.4, §7.3); letting the library change it again would turn the
 *   diagnostic alias and port forms back into the canonical name, so `cname-alias-spn` could
 *   never be seen on a default client. An overlay profile sets both to false and is put in
 *   front of the user's own configuration: KRB5_CONFIG takes a colon-separated list of files,
 *   all present files are read, and the first file that sets a relation wins (krb5.conf(5)).
 * - KRB5_TRACE names a file MIT writes its trace to (kerberos-trace.ts reads it).
 *
 * Windows (SSPI) reads neither; nothing is written there. macOS: the `kerberos` package links
 * the system GSS framework (Heimdal), whose default configuration includes property lists
 * that a KRB5_CONFIG list would hide, and which has no `rdns` or KRB5_TRACE; left alone there
 * too (not checked on a Mac, so the library's own canonicalisation may still apply).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** MIT's built-in profile path when KRB5_CONFIG is not set (Debian's libkrb5 holds this string). */
const defaultProfilePath = '/etc/krb5.conf';

const overlayText = `# IWA Doctor: ask for exactly the SPN a browser asks for (no DNS canonicalisation by the library).
[libdefaults]
    dns_canonicalize_hostname = false
    rdns = false
`;

export interface KerberosClientProfile {
  /** KRB5_CONFIG with the overlay in front of the user's configuration (empty on Windows and macOS). */
  profileEnv(base: Readonly<Record<string, string | undefined>>): Record<string, string>;
  /** A fresh file for one request's KRB5_TRACE; null where there is no trace. */
  newTraceFile(): string | null;
  /**
   * The environment for one ticket request: KRB5_CONFIG with the overlay first, and a fresh
   * KRB5_TRACE file (read it with `readTrace`). Empty on Windows.
   */
  requestEnv(base: Readonly<Record<string, string | undefined>>): {
    readonly env: Record<string, string>;
    readonly traceFile: string | null;
  };
  /** The trace text of a request, removed once read; null when there is none. */
  readTrace(traceFile: string | null): string | null;
  /** Removes the overlay and any trace left behind. */
  dispose(): void;
}

export function createKerberosClientProfile(
  platform: NodeJS.Platform = process.platform,
): KerberosClientProfile {
  if (platform === 'win32' || platform === 'darwin') {
    return {
      profileEnv: () => ({}),
      newTraceFile: () => null,
      requestEnv: () => ({ env: {}, traceFile: null }),
      readTrace: () => null,
      dispose() {},
    };
  }
  let dir: string | null = null;
  let counter = 0;
  const ensureDir = (): string => {
    if (dir) return dir;
    dir = mkdtempSync(join(tmpdir(), 'iwa-krb5-'));
    writeFileSync(join(dir, 'overlay.conf'), overlayText, { mode: 0o600 });
    return dir;
  };
  const profileEnv = (base: Readonly<Record<string, string | undefined>>): Record<string, string> => ({
    KRB5_CONFIG: [join(ensureDir(), 'overlay.conf'), base['KRB5_CONFIG'] || defaultProfilePath].join(
      delimiter,
    ),
  });
  const newTraceFile = (): string => {
    counter += 1;
    return join(ensureDir(), `trace-${counter}.log`);
  };
  return {
    profileEnv,
    newTraceFile,
    requestEnv(base) {
      const traceFile = newTraceFile();
      return { env: { ...profileEnv(base), KRB5_TRACE: traceFile }, traceFile };
    },
    readTrace(traceFile) {
      if (!traceFile) return null;
      try {
        return readFileSync(traceFile, 'utf8');
      } catch {
        return null;
      } finally {
        rmSync(traceFile, { force: true });
      }
    },
    dispose() {
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = null;
    },
  };
}
