/**
 * The whole live-sign-in lab: a real MIT KDC (realm CONTOSO.TEST), a user with a password, service
 * principals with keytabs, Apache with mod_auth_gssapi serving one port per case (lab-sites.ts),
 * dnsmasq answering for contoso.test with CNAME aliases, and a silent "KDC" that never answers.
 * Everything listens on 127.0.0.1 on high ports, lives in temp directories, and is gone after
 * `stop()`.
 */
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apacheConfig, type ApacheSiteConfig } from './apache-config.js';
import { startDnsServer, type LabDnsServer } from './dns-server.js';
import { requireExecutable } from './find-executable.js';
import { freePort, labAddress } from './free-port.js';
import { labPackagesMissing, startKdc, tcpAccepts, type KdcLab } from './kdc.js';
import {
  cnameTargetHost,
  labDnsDomain,
  labSitePlans,
  redirectTargetSite,
  type LabSiteId,
  type LabSitePlan,
} from './lab-sites.js';
import { createSelfSignedCertificate } from './self-signed-certificate.js';
import { startSilentKdc, type SilentKdc } from './silent-kdc.js';
import { startSupervised, type SupervisedProcess } from './supervised-process.js';

export { labMaySkip, labPackagesMissing } from './kdc.js';

export interface LabSite extends LabSitePlan {
  readonly port: number;
  readonly url: string;
  /** The SPN registered in the KDC for this site, if any. */
  readonly registeredSpn?: string;
}

export interface Lab {
  readonly realm: string;
  readonly user: { readonly name: string; readonly password: string };
  readonly kdc: KdcLab;
  /** `127.0.0.1:<port>` of the lab's DNS server. */
  readonly dnsServer: string;
  /** The search suffix that expands the lab's short names (what `--dns-search` takes). */
  readonly dnsSearch: string;
  readonly sites: Readonly<Record<LabSiteId, LabSite>>;
  /** Environment of "the current user" signed in to the realm: KRB5_CONFIG and a KRB5CCNAME holding the user's TGT. */
  readonly clientEnv: Record<string, string>;
  /** The same user, but the realm's KDC points at a closed port and the cache holds only the TGT. */
  readonly unreachableKdcEnv: Record<string, string>;
  /** The same user, but the realm's KDC never answers (silent-kdc.ts) and the cache holds only the TGT. */
  readonly silentKdcEnv: Record<string, string>;
  readonly silentKdc: SilentKdc;
  /**
   * The same user with MIT's default client settings (dns_canonicalize_hostname and rdns on:
   * the library canonicalises host names through the system resolver) and a fresh cache.
   */
  mitDefaultsEnv(): Promise<Record<string, string>>;
  /** The user with a fresh cache that holds only the TGT: the next service ticket comes from the KDC. */
  freshClientEnv(): Promise<Record<string, string>>;
  /** PEM of the self-signed certificate of the HTTPS site, for clients that should trust it. */
  readonly certificatePem: string;
  /** The lab's temp directories (removed by `stop()`). */
  readonly dirs: readonly string[];
  apacheErrorLog(): Promise<string>;
  stop(): Promise<void>;
}

const realm = 'CONTOSO.TEST';
const labUser = { name: 'alice', password: 'Lab-Passw0rd-1' };
const apacheModulesDir = '/usr/lib/apache2/modules';

export async function startLab(): Promise<Lab> {
  const missing = labPackagesMissing();
  if (missing.length > 0) throw new Error(`lab: missing ${missing.join(', ')}`);
  // Ports are picked free and bound a moment later by Apache: on a busy machine another
  // process may take one in between. A second, fresh attempt makes that race harmless.
  try {
    return await startLabOnce();
  } catch (first) {
    try {
      return await startLabOnce();
    } catch {
      throw first;
    }
  }
}

async function startLabOnce(): Promise<Lab> {
  const cleanups: (() => Promise<void>)[] = [];
  const cleanUp = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const kdc = await startKdc({ realm });
    cleanups.push(() => kdc.stop());

    // Apache drops to nobody when started as root: its files live in their own world-readable dir.
    const webDir = await mkdtemp(join(tmpdir(), 'iwa-web-'));
    cleanups.push(() => rm(webDir, { recursive: true, force: true }));
    await chmod(webDir, 0o755);
    const documentRoot = join(webDir, 'htdocs');
    await mkdir(documentRoot);
    await writeFile(join(documentRoot, 'index.html'), '<!doctype html><title>lab</title><p>signed in</p>\n');

    await kdc.addUser(labUser.name, labUser.password);
    const ports = new Map<LabSiteId, number>();
    for (const plan of labSitePlans) ports.set(plan.id, await freePort());
    const portOf = (id: LabSiteId): number => ports.get(id) as number;

    const publishKeytab = async (keytab: string, id: LabSiteId): Promise<string> => {
      const published = join(webDir, `${id}.keytab`);
      await copyFile(keytab, published);
      await chmod(published, 0o644); // throw-away lab keys; Apache's workers run as nobody
      return published;
    };

    const registered = new Map<LabSiteId, string>();
    const keytabs = new Map<LabSiteId, string>();
    const register = async (id: LabSiteId, spn: string): Promise<string> => {
      const { keytab } = await kdc.addService(spn);
      registered.set(id, spn);
      keytabs.set(id, await publishKeytab(keytab, id));
      return keytab;
    };
    await register('good', 'HTTP/web01.contoso.test');
    // No principal for web02 at all; the server itself is configured fine (it holds web01's key).
    keytabs.set('spn-missing', keytabs.get('good') as string);
    // The server keeps kvno 2 while the KDC re-keys to kvno 3: tickets are encrypted with a key the
    // server does not have (the account's password changed, or the SPN sits on another account).
    await register('stale-key', 'HTTP/web03.contoso.test');
    await kdc.kadmin([
      'ktadd',
      '-k',
      join(kdc.dir, 'keytabs', 'web03-rekeyed.keytab'),
      'HTTP/web03.contoso.test',
    ]);
    // The alias is registered; the canonical name (what browsers ask for, §7.3) is not.
    await register('cname-alias', 'HTTP/web.contoso.test');
    // Only the port form is registered; browsers omit the port by default (§2.4).
    await register('port-in-spn', `HTTP/web05.contoso.test:${portOf('port-in-spn')}`);
    await register('header-too-large', 'HTTP/web06.contoso.test');
    await register('https-good', 'HTTP/web09.contoso.test');
    const httpsHost = labSitePlans.find((plan) => plan.id === 'https-good')?.host as string;
    const certificate = createSelfSignedCertificate(httpsHost, [httpsHost, labAddress]);
    const tls = { certificateFile: join(webDir, 'https-good.crt'), keyFile: join(webDir, 'https-good.key') };
    await writeFile(tls.certificateFile, certificate.certificatePem);
    await writeFile(tls.keyFile, certificate.privateKeyPem, { mode: 0o600 }); // read by Apache's root parent only

    const apacheKrb5Config = join(webDir, 'krb5.conf');
    await copyFile(kdc.env['KRB5_CONFIG'] as string, apacheKrb5Config);
    await chmod(apacheKrb5Config, 0o644);

    // Only the short name's full name is registered, the form `setspn -S HTTP/<fqdn>` adds (§3.1).
    await register('short-name', 'HTTP/web10.contoso.test');
    // The alias's full name is registered; its canonical name srv01 (what browsers ask for) is not.
    await register('short-alias', 'HTTP/intranet.contoso.test');
    const redirectTarget = labSitePlans.find((plan) => plan.id === redirectTargetSite) as LabSitePlan;
    const redirectTo = `${redirectTarget.scheme}://${redirectTarget.host}:${portOf(redirectTargetSite)}/`;

    const siteConfigs: ApacheSiteConfig[] = labSitePlans.map((plan) => {
      const keytab = keytabs.get(plan.id);
      return {
        id: plan.id,
        port: portOf(plan.id),
        host: plan.dnsName ?? plan.host,
        ...(keytab ? { keytab } : {}),
        ...(plan.scheme === 'https' ? { tls } : {}),
        ...(plan.id === 'redirect' ? { redirectTo } : {}),
      };
    });
    const configPath = join(webDir, 'httpd.conf');
    const runningAsRoot = process.getuid?.() === 0;
    await writeFile(
      configPath,
      apacheConfig({
        dir: webDir,
        documentRoot,
        modulesDir: apacheModulesDir,
        ...(runningAsRoot ? { runAs: { user: 'nobody', group: 'nogroup' } } : {}),
        sites: siteConfigs,
      }),
    );
    const apacheEnv: Record<string, string> = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      KRB5_CONFIG: apacheKrb5Config,
      // No replay cache: the workers run as nobody and the lab's requests are never replayed.
      KRB5RCACHETYPE: 'none',
      IWA_LAB_DIR: webDir,
    };
    const apache = startSupervised(
      'apache2',
      requireExecutable('apache2'),
      ['-f', configPath, '-DFOREGROUND'],
      {
        env: apacheEnv,
        cwd: webDir,
      },
    );
    cleanups.push(() => apache.stop());
    await waitForPorts([...ports.values()], apache, webDir);

    const dns: LabDnsServer = await startDnsServer(
      kdc.dir,
      {
        domain: labDnsDomain,
        addresses: [
          ...labSitePlans
            .filter((plan) => plan.id !== 'cname-alias' && plan.id !== 'short-alias')
            .map((plan) => plan.dnsName ?? plan.host),
          cnameTargetHost,
        ],
        cnames: { 'web.contoso.test': cnameTargetHost, 'intranet.contoso.test': cnameTargetHost },
      },
      { PATH: apacheEnv.PATH as string, IWA_LAB_DIR: kdc.dir },
    );
    cleanups.push(() => dns.stop());

    const { ccache } = await kdc.kinit(labUser.name, labUser.password);
    const clientEnv = { ...kdc.env, KRB5CCNAME: ccache };
    // A copy taken before any service ticket was requested: every fresh cache starts from it.
    const tgtOnlyCache = join(kdc.dir, 'ccache-tgt-only');
    await copyFile(ccache.replace(/^FILE:/, ''), tgtOnlyCache);
    let cacheCopies = 0;
    const freshCache = async (): Promise<string> => {
      cacheCopies += 1;
      const copy = join(kdc.dir, `ccache-fresh-${cacheCopies}`);
      await copyFile(tgtOnlyCache, copy);
      return `FILE:${copy}`;
    };
    const unreachableKdcEnv = await kdcElsewhereEnvironment(
      kdc,
      'unreachable',
      await freePort({ udpToo: true }),
      await freshCache(),
    );
    const silentKdc = await startSilentKdc();
    cleanups.push(() => silentKdc.stop());
    const silentKdcEnv = await kdcElsewhereEnvironment(kdc, 'silent', silentKdc.port, await freshCache());
    const mitDefaultsConfig = join(kdc.dir, 'krb5-mit-defaults.conf');
    await writeFile(
      mitDefaultsConfig,
      withMitDefaults(await readFile(kdc.env['KRB5_CONFIG'] as string, 'utf8')),
    );

    const sites = Object.fromEntries(
      labSitePlans.map((plan): [LabSiteId, LabSite] => {
        const port = portOf(plan.id);
        const spn = registered.get(plan.id);
        return [
          plan.id,
          {
            ...plan,
            port,
            url: `${plan.scheme}://${plan.host}:${port}/`,
            ...(spn ? { registeredSpn: spn } : {}),
          },
        ];
      }),
    ) as Record<LabSiteId, LabSite>;

    let stopped = false;
    return {
      realm,
      user: labUser,
      kdc,
      dnsServer: dns.server,
      dnsSearch: labDnsDomain,
      sites,
      clientEnv,
      unreachableKdcEnv,
      silentKdcEnv,
      silentKdc,
      mitDefaultsEnv: async () => ({
        ...kdc.env,
        KRB5_CONFIG: mitDefaultsConfig,
        KRB5CCNAME: await freshCache(),
      }),
      freshClientEnv: async () => ({ ...kdc.env, KRB5CCNAME: await freshCache() }),
      certificatePem: certificate.certificatePem,
      dirs: [kdc.dir, webDir],
      apacheErrorLog: () => readFile(join(webDir, 'error.log'), 'utf8').catch(() => ''),
      async stop() {
        if (stopped) return;
        stopped = true;
        await cleanUp();
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

async function waitForPorts(
  ports: readonly number[],
  apache: SupervisedProcess,
  webDir: string,
): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (const port of ports) {
    while (!(await tcpAccepts(port))) {
      if (!apache.running() || Date.now() > deadline) {
        const log = await readFile(join(webDir, 'error.log'), 'utf8').catch(() => '');
        throw new Error(
          `apache lab: not listening on ${labAddress}:${port}: ${apache.output().trim()} ${log.split('\n').slice(-5).join(' | ')}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * "Off the network": the realm's KDC is somewhere that does not work — a closed port, or a
 * silent one — and the user's cache holds only the TGT, so getting a service ticket has to
 * reach the KDC (reference §6.1, no logon servers).
 */
async function kdcElsewhereEnvironment(
  kdc: KdcLab,
  name: string,
  port: number,
  ccache: string,
): Promise<Record<string, string>> {
  const configPath = join(kdc.dir, `krb5-${name}.conf`);
  const config = (await readFile(kdc.env['KRB5_CONFIG'] as string, 'utf8')).replace(
    `kdc = ${labAddress}:${kdc.kdcPort}`,
    `kdc = ${labAddress}:${port}`,
  );
  if (!config.includes(`${labAddress}:${port}`))
    throw new Error(`lab: could not point the KDC at port ${port}`);
  await writeFile(configPath, config);
  return { ...kdc.env, KRB5_CONFIG: configPath, KRB5CCNAME: ccache };
}

/**
 * The lab's client configuration with MIT's defaults for host name canonicalisation: the lab
 * itself sets dns_canonicalize_hostname and rdns to false (kdc.ts) so that no tool resolves the
 * lab's names through the system resolver; a client left at the defaults does.
 */
export function withMitDefaults(config: string): string {
  const result = config
    .replace(/^\s*dns_canonicalize_hostname = false\n/m, '')
    .replace(/^\s*rdns = false\n/m, '');
  if (/dns_canonicalize_hostname|rdns/.test(result))
    throw new Error('lab: could not return the client configuration to MIT defaults');
  return result;
}
