/**
 * A real MIT Kerberos KDC for tests, on 127.0.0.1, in a fresh temp directory, on high ports.
 *
 * Nothing here touches the machine's own Kerberos setup: every MIT tool reads the files named by
 * KRB5_CONFIG (client side) and KRB5_KDC_PROFILE (kdc.conf), both inside the lab's directory,
 * and the default ccache points into that directory too, so a test can never pick up (or spoil)
 * the user's own tickets. Verified on Debian: krb5kdc runs unprivileged this way once kdc_ports
 * and kdc_tcp_ports are set above 1024.
 */
import { mkdtemp, rm, writeFile, mkdir, readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { findExecutable, fileExists } from './find-executable.js';
import { freePort, labAddress } from './free-port.js';
import { runBounded } from './run-bounded.js';
import { startSupervised, type SupervisedProcess } from './supervised-process.js';

export interface KdcLab {
  readonly realm: string;
  readonly kdcPort: number;
  readonly dir: string;
  /** Environment for any child process that should use this realm (KRB5_CONFIG, KRB5CCNAME, …). */
  readonly env: Record<string, string>;
  addUser(name: string, password: string): Promise<void>;
  /** Creates `spn` (e.g. `HTTP/web01.contoso.test`) with a random key and exports it to a new keytab. */
  addService(spn: string): Promise<{ keytab: string }>;
  /** Gets a TGT with the password; `ccache` is `FILE:<path>`, ready for KRB5CCNAME. */
  kinit(name: string, password: string): Promise<{ ccache: string }>;
  /**
   * Runs one `kadmin.local -q` request (e.g. `ktadd -k <file> <spn>` to re-key a service so an
   * older keytab goes stale). Arguments are checked, see `kadminWord`.
   */
  kadmin(words: readonly string[]): Promise<string>;
  stop(): Promise<void>;
}

/** Executables the whole lab (KDC, Apache with mod_auth_gssapi, dnsmasq) needs, per Debian package. */
const labRequirements: readonly { name: string; present: () => boolean }[] = [
  { name: 'krb5kdc (krb5-kdc)', present: () => findExecutable('krb5kdc') !== undefined },
  { name: 'kdb5_util (krb5-kdc)', present: () => findExecutable('kdb5_util') !== undefined },
  { name: 'kadmin.local (krb5-admin-server)', present: () => findExecutable('kadmin.local') !== undefined },
  { name: 'kinit (krb5-user)', present: () => findExecutable('kinit') !== undefined },
  { name: 'klist (krb5-user)', present: () => findExecutable('klist') !== undefined },
  { name: 'apache2 (apache2)', present: () => findExecutable('apache2') !== undefined },
  {
    name: 'mod_auth_gssapi.so (libapache2-mod-auth-gssapi)',
    present: () => fileExists('/usr/lib/apache2/modules/mod_auth_gssapi.so'),
  },
  { name: 'dnsmasq (dnsmasq)', present: () => findExecutable('dnsmasq') !== undefined },
];

/** Names of what is missing for the lab to run; [] when it can run. */
export function labPackagesMissing(): string[] {
  return labRequirements
    .filter((requirement) => !requirement.present())
    .map((requirement) => requirement.name);
}

/**
 * Whether lab tests may skip: only off CI. In CI (CI set, as `.ci/run` does) the packages are
 * installed, so a missing one must fail the run rather than pass it silently.
 */
export function labMaySkip(missing: readonly string[]): boolean {
  return missing.length > 0 && !process.env['CI'];
}

const realmPattern = /^[A-Z0-9][A-Z0-9.-]{0,62}$/;
/** Principal names and passwords become words of a kadmin request: keep them to plain characters. */
const kadminWordPattern = /^[A-Za-z0-9._@/:+=,-]{1,256}$/;

function kadminWord(word: string): string {
  if (!kadminWordPattern.test(word)) throw new Error(`kdc lab: refusing kadmin word ${JSON.stringify(word)}`);
  return word;
}

function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9.-]/g, '_');
}

export async function startKdc(options: { realm?: string } = {}): Promise<KdcLab> {
  const realm = options.realm ?? 'CONTOSO.TEST';
  if (!realmPattern.test(realm)) throw new Error(`kdc lab: invalid realm ${realm}`);
  const missing = labPackagesMissing().filter((name) => /krb5|kadmin/.test(name));
  if (missing.length > 0) throw new Error(`kdc lab: missing ${missing.join(', ')}`);

  const dir = await mkdtemp(join(tmpdir(), 'iwa-kdc-'));
  try {
    return await startKdcIn(dir, realm);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function startKdcIn(dir: string, realm: string): Promise<KdcLab> {
  const tools = {
    krb5kdc: findExecutable('krb5kdc') as string,
    kdb5Util: findExecutable('kdb5_util') as string,
    kadminLocal: findExecutable('kadmin.local') as string,
    kinit: findExecutable('kinit') as string,
  };
  await mkdir(join(dir, 'keytabs'));
  await mkdir(join(dir, 'rcache'));
  const krb5ConfigPath = join(dir, 'krb5.conf');
  const kdcProfilePath = join(dir, 'kdc.conf');
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    KRB5_CONFIG: krb5ConfigPath,
    KRB5_KDC_PROFILE: kdcProfilePath,
    // Never fall back to the user's own ccache (/tmp/krb5cc_<uid>): an empty lab cache instead.
    KRB5CCNAME: `FILE:${join(dir, 'ccache-none')}`,
    KRB5RCACHEDIR: join(dir, 'rcache'),
  };
  const masterPassword = randomBytes(18).toString('base64url');
  await writeFile(join(dir, 'kadm5.acl'), `*/admin@${realm} *\n`);

  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const kdcPort = await freePort({ udpToo: true });
    await writeFile(krb5ConfigPath, krb5Conf(dir, realm, kdcPort));
    await writeFile(kdcProfilePath, kdcConf(dir, realm, kdcPort));
    if (attempt === 0) {
      await runBounded(tools.kdb5Util, ['create', '-s', '-r', realm, '-P', masterPassword], {
        env,
        timeoutMs: 30_000,
      });
    }
    const daemon = startSupervised('krb5kdc', tools.krb5kdc, ['-n', '-r', realm], { env, cwd: dir });
    try {
      await waitForTcp(kdcPort, daemon, 10_000);
      return labHandle(dir, realm, kdcPort, env, daemon, tools);
    } catch (error) {
      lastError = error;
      await daemon.stop();
    }
  }
  const log = await readFile(join(dir, 'kdc.log'), 'utf8').catch(() => '');
  throw new Error(
    `kdc lab: krb5kdc did not start: ${String(lastError)} ${log.split('\n').slice(-5).join(' | ')}`,
  );
}

function krb5Conf(dir: string, realm: string, kdcPort: number): string {
  const domain = realm.toLowerCase();
  return `[libdefaults]
    default_realm = ${realm}
    dns_lookup_realm = false
    dns_lookup_kdc = false
    dns_canonicalize_hostname = false
    rdns = false
    ignore_acceptor_hostname = false
    default_ccache_name = FILE:${join(dir, 'ccache-none')}
    default_keytab_name = FILE:${join(dir, 'keytabs', 'default.keytab')}
    ticket_lifetime = 1h
    forwardable = true

[realms]
    ${realm} = {
        kdc = ${labAddress}:${kdcPort}
        admin_server = ${labAddress}:${kdcPort + 1}
    }

[domain_realm]
    .${domain} = ${realm}
    ${domain} = ${realm}
`;
}

function kdcConf(dir: string, realm: string, kdcPort: number): string {
  return `[kdcdefaults]
    kdc_listen = ${labAddress}:${kdcPort}
    kdc_tcp_listen = ${labAddress}:${kdcPort}
    kdc_ports = ${kdcPort}
    kdc_tcp_ports = ${kdcPort}

[realms]
    ${realm} = {
        database_name = ${join(dir, 'principal')}
        key_stash_file = ${join(dir, 'stash')}
        acl_file = ${join(dir, 'kadm5.acl')}
        admin_keytab = FILE:${join(dir, 'kadm5.keytab')}
        max_life = 10h
        max_renewable_life = 1d
        supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal
    }

[logging]
    kdc = FILE:${join(dir, 'kdc.log')}
    admin_server = FILE:${join(dir, 'kadmin.log')}
    default = FILE:${join(dir, 'krb5lib.log')}
`;
}

async function waitForTcp(port: number, daemon: SupervisedProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!daemon.running()) throw new Error(`${daemon.name} exited: ${daemon.output().trim()}`);
    if (await tcpAccepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${daemon.name} not listening on ${labAddress}:${port} after ${timeoutMs} ms`);
}

export function tcpAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: labAddress, port });
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

function labHandle(
  dir: string,
  realm: string,
  kdcPort: number,
  env: Record<string, string>,
  daemon: SupervisedProcess,
  tools: { kadminLocal: string; kinit: string },
): KdcLab {
  let stopped = false;
  const kadmin = async (words: readonly string[]): Promise<string> => {
    const request = words.map(kadminWord).join(' ');
    const { stdout, stderr } = await runBounded(tools.kadminLocal, ['-r', realm, '-q', request], { env });
    // kadmin.local exits 0 even when the request fails; it reports the failure on stderr.
    const failure = stderr
      .split('\n')
      .find(
        (line) =>
          /error|not found|cannot|unable|already exists/i.test(line) && !/^Authenticating as/.test(line),
      );
    if (failure) throw new Error(`kadmin.local "${words[0] ?? ''}" failed: ${failure.trim()}`);
    return stdout;
  };
  let keytabCounter = 0;

  return {
    realm,
    kdcPort,
    dir,
    env,
    kadmin,
    async addUser(name, password) {
      await kadmin(['addprinc', '-pw', password, name]);
    },
    async addService(spn) {
      keytabCounter += 1;
      const keytab = join(dir, 'keytabs', `${keytabCounter}-${fileSafe(spn)}.keytab`);
      await kadmin(['addprinc', '-randkey', spn]);
      // ktadd re-randomises the key and bumps kvno (1 → 2), like a real account's first export.
      await kadmin(['ktadd', '-k', keytab, spn]);
      return { keytab };
    },
    async kinit(name, password) {
      const ccache = `FILE:${join(dir, `ccache-${fileSafe(name)}`)}`;
      // MIT kinit reads the password from stdin when it is not a terminal.
      await runBounded(tools.kinit, ['-c', ccache, kadminWord(name)], { env, input: `${password}\n` });
      return { ccache };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await daemon.stop();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
