/**
 * The lab's Apache configuration, as text. Apache runs with `-f <this file>` so nothing of the
 * machine's /etc/apache2 is used: own ServerRoot, PidFile, ErrorLog, runtime dir and only the
 * modules it needs (verified: authn_core/authz_core and mime must be loaded for `-f` alone to
 * start, and User/Group must be set when started as root).
 */
import type { LabSiteId } from './lab-sites.js';
import { tinyHeaderFieldLimit } from './lab-sites.js';

export interface ApacheSiteConfig {
  readonly id: LabSiteId;
  readonly port: number;
  readonly host: string;
  /** Keytab for mod_auth_gssapi; absent for sites that do not run Negotiate. */
  readonly keytab?: string;
  /** PEM files for an HTTPS site. */
  readonly tls?: { readonly certificateFile: string; readonly keyFile: string };
  /** Where the redirect site sends every request (302). */
  readonly redirectTo?: string;
}

export interface ApacheConfigInput {
  readonly dir: string;
  readonly documentRoot: string;
  readonly modulesDir: string;
  /** Set when started as root; Apache refuses to serve requests as root. */
  readonly runAs?: { user: string; group: string };
  readonly sites: readonly ApacheSiteConfig[];
}

const modules = [
  ['mpm_event_module', 'mod_mpm_event.so'],
  ['authn_core_module', 'mod_authn_core.so'],
  ['authz_core_module', 'mod_authz_core.so'],
  ['authz_user_module', 'mod_authz_user.so'],
  ['mime_module', 'mod_mime.so'],
  ['dir_module', 'mod_dir.so'],
  ['headers_module', 'mod_headers.so'],
  ['rewrite_module', 'mod_rewrite.so'],
  ['alias_module', 'mod_alias.so'],
  ['auth_gssapi_module', 'mod_auth_gssapi.so'],
  ['socache_shmcb_module', 'mod_socache_shmcb.so'],
  ['ssl_module', 'mod_ssl.so'],
] as const;

export function apacheConfig(input: ApacheConfigInput): string {
  const lines = [
    `ServerRoot "${input.dir}"`,
    `PidFile "${input.dir}/httpd.pid"`,
    `DefaultRuntimeDir "${input.dir}"`,
    `Mutex file:${input.dir} default`,
    `ErrorLog "${input.dir}/error.log"`,
    'LogLevel warn auth_gssapi:info',
    'ServerName lab.contoso.test',
    'ServerTokens Prod',
    'KeepAlive On',
    'MaxKeepAliveRequests 100',
    'KeepAliveTimeout 15',
    'StartServers 1',
    'ServerLimit 2',
    'ThreadsPerChild 16',
    'MaxRequestWorkers 32',
    ...modules.map(([name, file]) => `LoadModule ${name} "${input.modulesDir}/${file}"`),
    ...(input.runAs ? [`User ${input.runAs.user}`, `Group ${input.runAs.group}`] : []),
    'TypesConfig /dev/null',
    'AddType text/html .html',
    'DirectoryIndex index.html',
    `SSLSessionCache "shmcb:${input.dir}/ssl-sessions(65536)"`,
    `DocumentRoot "${input.documentRoot}"`,
    `<Directory "${input.documentRoot}">`,
    '    Require all granted',
    '</Directory>',
    ...input.sites.flatMap((site) => [
      `Listen 127.0.0.1:${site.port}${site.tls ? ' https' : ''}`,
      ...virtualHost(site),
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

function virtualHost(site: ApacheSiteConfig): string[] {
  const open = [
    `<VirtualHost 127.0.0.1:${site.port}>`,
    `    ServerName ${site.host}`,
    ...(site.tls
      ? [
          '    SSLEngine on',
          `    SSLCertificateFile "${site.tls.certificateFile}"`,
          `    SSLCertificateKeyFile "${site.tls.keyFile}"`,
        ]
      : []),
  ];
  const close = ['</VirtualHost>'];
  switch (site.id) {
    case 'anonymous':
      return [...open, ...close];
    case 'redirect':
      // mod_alias: `Redirect 302 / <url>` keeps the path after the prefix.
      return [...open, `    Redirect 302 / ${requireRedirect(site)}`, ...close];
    case 'ntlm-only':
      // IIS with providers = NTLM only: every request is refused with an NTLM-only offer. mod_rewrite
      // with a non-3xx R= status answers that status directly (Apache docs, RewriteRule flag R).
      return [
        ...open,
        '    RewriteEngine On',
        '    RewriteRule ^ - [R=401,L]',
        '    Header always set WWW-Authenticate "NTLM"',
        ...close,
      ];
    default:
      return [
        ...open,
        ...(site.id === 'header-too-large' ? [`    LimitRequestFieldSize ${tinyHeaderFieldLimit}`] : []),
        '    <Location "/">',
        '        AuthType GSSAPI',
        '        AuthName "CONTOSO lab"',
        `        GssapiCredStore keytab:${requireKeytab(site)}`,
        '        GssapiAllowedMech krb5',
        '        GssapiBasicAuth Off',
        '        GssapiSSLonly Off',
        '        Require valid-user',
        '    </Location>',
        ...close,
      ];
  }
}

function requireKeytab(site: ApacheSiteConfig): string {
  if (!site.keytab) throw new Error(`apache lab: site ${site.id} needs a keytab`);
  return site.keytab;
}

function requireRedirect(site: ApacheSiteConfig): string {
  if (!site.redirectTo || !/^https?:\/\/[a-z0-9.-]+:\d+\/$/.test(site.redirectTo))
    throw new Error(`apache lab: site ${site.id} needs a redirect target URL`);
  return site.redirectTo;
}
