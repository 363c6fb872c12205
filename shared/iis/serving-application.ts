/**
 * Which site and application serve a URL (IIS binding and application matching): a
 * binding whose host header equals the URL host wins over a catch-all binding (empty host
 * header); the same protocol and port win over others (a load balancer that ends TLS
 * reaches IIS on a plain HTTP binding, reference §7.4); the application is the longest
 * path prefix of the URL path.
 */
import type { IisAppPool, IisApplication, IisBinding, IisSite } from './iis-configuration.js';

export interface ServingApplication {
  readonly site: IisSite;
  readonly binding: IisBinding;
  readonly application: IisApplication | null;
  readonly pool: IisAppPool | null;
  /** Every application of that site (for the identity-split check). */
  readonly siteApplications: readonly IisApplication[];
}

function bindingScore(binding: IisBinding, host: string, port: number, protocol: string): number {
  if (binding.port === null || !/^https?$/.test(binding.protocol)) return -1;
  const hostMatches = binding.hostHeader === host;
  if (binding.hostHeader !== '' && !hostMatches) return -1;
  const samePort = binding.port === port && binding.protocol === protocol;
  return (hostMatches ? 4 : 0) + (samePort ? 2 : 0) + (binding.protocol === protocol ? 1 : 0);
}

/**
 * The URL path as IIS compares it with application paths (percent-escapes decoded). A
 * malformed escape (`/%zz`) cannot be decoded: the raw path is compared instead, so an odd
 * address still finds its site rather than stopping every server check (URIError).
 */
export function decodedPath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch (error) {
    if (error instanceof URIError) return pathname;
    throw error;
  }
}

export function findServingApplication(
  url: URL,
  sites: readonly IisSite[],
  applications: readonly IisApplication[],
  pools: readonly IisAppPool[],
): ServingApplication | null {
  const host = url.hostname.toLowerCase();
  const protocol = url.protocol.replace(':', '');
  const port = url.port ? Number(url.port) : protocol === 'https' ? 443 : 80;
  let best: { site: IisSite; binding: IisBinding; score: number } | null = null;
  for (const site of sites) {
    for (const binding of site.bindings) {
      const score = bindingScore(binding, host, port, protocol);
      // Only a binding on the URL's own port, or a host-header match, can plausibly serve it.
      if (score < 0 || (score < 2 && binding.hostHeader === '')) continue;
      if (!best || score > best.score) best = { site, binding, score };
    }
  }
  if (!best) return null;
  const siteName = best.site.name.toLowerCase();
  const siteApplications = applications.filter((app) => app.siteName.toLowerCase() === siteName);
  const path = decodedPath(url.pathname).toLowerCase();
  const application =
    siteApplications
      .filter((app) => {
        const appPath = app.path.toLowerCase().replace(/\/$/, '');
        return appPath === '' || path === appPath || path.startsWith(`${appPath}/`);
      })
      .sort((a, b) => b.path.length - a.path.length)[0] ?? null;
  const pool = application?.appPoolName
    ? (pools.find((candidate) => candidate.name.toLowerCase() === application.appPoolName?.toLowerCase()) ??
      null)
    : null;
  return { site: best.site, binding: best.binding, application, pool, siteApplications };
}
