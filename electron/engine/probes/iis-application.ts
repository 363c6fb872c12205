/**
 * Probe `iis:application`: which site and application of this server's IIS serve the URL,
 * their Windows/anonymous authentication settings, the pool and the account that must
 * decrypt Kerberos tickets (reference §4). It runs appcmd (§4.3/§4.4 output, read by
 * shared/iis) and never fails on odd configuration: whatever cannot be read becomes an
 * "unreadable" fact with the command to run by hand.
 */
import {
  AppcmdOutputError,
  anonymousAuthSection,
  parseAnonymousAuthSection,
  parseAppcmdAppPools,
  parseAppcmdApps,
  parseAppcmdSites,
  parseWindowsAuthSection,
  windowsAuthSection,
} from '../../../shared/iis/appcmd-output.js';
import type { IisAppPool, IisApplication, IisSite } from '../../../shared/iis/iis-configuration.js';
import { decryptingAccount } from '../../../shared/iis/pool-account.js';
import { findServingApplication } from '../../../shared/iis/serving-application.js';
import { describeUnreadable, type UnreadableFact } from '../../../shared/iis/unreadable-fact.js';
import type { Evidence, RawOutput } from '../../../shared/model/evidence.js';
import type {
  IisApplicationFacts,
  SiteApplicationIdentity,
} from '../../../shared/rules/server/server-evidence.js';
import { appcmdLocation } from '../../../shared/rules/server/server-remedies.js';
import type { Host, MachineIdentity, ToolRun } from '../../host/host.js';
import { readAppcmd } from '../iis/iis-config-access.js';
import type { Probe, ProbeContext } from '../probe.js';

/** appcmd prints SpecificUser passwords in clear text with /config (§4.4): never keep them. */
export function redactPasswords(text: string): string {
  return text
    .replace(/(password\s*=\s*)("[^"]*"|'[^']*')/gi, '$1"(hidden)"')
    .replace(/^(\s*password\s*:\s*).*$/gim, '$1"(hidden)"');
}

interface AppcmdRead<T> {
  readonly value: T | null;
  readonly unreadable: UnreadableFact | null;
}

function checkByHandFor(args: readonly string[]): string {
  return `%windir%\\system32\\inetsrv\\appcmd.exe ${args.map((arg) => (/\s/.test(arg) ? `"${arg}"` : arg)).join(' ')}`;
}

async function appcmd<T>(
  host: Host,
  args: readonly string[],
  what: string,
  parse: (text: string) => T,
  raw: RawOutput[],
): Promise<AppcmdRead<T>> {
  return appcmdOutput(await host.runTool('appcmd', args), args, what, parse, raw);
}

/** Keeps the output (passwords blanked) and reads it; what cannot be read becomes an unreadable fact. */
function appcmdOutput<T>(
  run: ToolRun,
  args: readonly string[],
  what: string,
  parse: (text: string) => T,
  raw: RawOutput[],
): AppcmdRead<T> {
  const checkByHand = checkByHandFor(args);
  raw.push({
    label: `appcmd ${args.join(' ')}`,
    text: redactPasswords(run.stdout + (run.stderr ? `\n${run.stderr}` : '')),
  });
  if (run.outcome === 'could-not-run' || run.exitCode === 9009) {
    return {
      value: null,
      unreadable: {
        what,
        reason: run.reason ?? 'appcmd.exe is not available (is the IIS role installed?)',
        checkByHand,
      },
    };
  }
  try {
    return { value: parse(run.stdout), unreadable: null };
  } catch (error) {
    if (error instanceof AppcmdOutputError)
      return { value: null, unreadable: { what, reason: error.message, checkByHand } };
    throw error;
  }
}

export interface IisApplicationReading {
  readonly facts: IisApplicationFacts;
  readonly raw: readonly RawOutput[];
}

export async function readIisApplication(
  personHost: Host,
  url: string,
  machine: MachineIdentity,
): Promise<IisApplicationReading> {
  const parsed = new URL(url);
  const scheme = parsed.protocol === 'https:' ? 'https' : 'http';
  const port = parsed.port ? Number(parsed.port) : scheme === 'https' ? 443 : 80;
  const raw: RawOutput[] = [];
  const unreadable: UnreadableFact[] = [];
  const server = { computerName: machine.computerName, domain: machine.domain, dnsDomain: machine.dnsDomain };
  const base: IisApplicationFacts = {
    url,
    host: parsed.hostname.toLowerCase(),
    port,
    scheme,
    machine: server,
    iisReadable: false,
    site: null,
    bindingProtocol: null,
    application: null,
    pool: null,
    windowsAuth: null,
    anonymousAuth: null,
    decrypting: null,
    siteApplications: [],
    unreadable,
  };
  // applicationHost.config is often readable by administrators only: then every read below
  // goes through the elevated session (one UAC prompt, kept for a fix that follows).
  const siteArgs = ['list', 'site', '/xml', '/config'];
  const access = await readAppcmd(personHost, siteArgs);
  if (access.kind === 'refused') {
    raw.push({ label: `appcmd ${siteArgs.join(' ')}`, text: redactPasswords(access.run.stdout) });
    unreadable.push({
      what: 'the IIS configuration',
      reason: access.reason,
      checkByHand: `${checkByHandFor(siteArgs)} (in a command prompt run as administrator)`,
    });
    return { facts: base, raw };
  }
  const host = access.host;
  const readAsAdministrator = access.asAdministrator;
  const sites = appcmdOutput<IisSite[]>(
    access.run,
    siteArgs,
    'the IIS sites and bindings',
    parseAppcmdSites,
    raw,
  );
  if (sites.unreadable) {
    // On a workstation a missing appcmd only means this is not the web server: say where to look.
    const notHere =
      !machine.isServer && /not available|not installed|not recognized/i.test(sites.unreadable.reason);
    unreadable.push(
      notHere
        ? {
            ...sites.unreadable,
            reason: `IIS is not installed on ${machine.computerName}, so these checks must run on the web server itself (or ask its administrator)`,
          }
        : sites.unreadable,
    );
  }
  if (!sites.value) return { facts: base, raw };
  const apps = await appcmd<IisApplication[]>(
    host,
    ['list', 'app', '/xml'],
    'the IIS applications',
    parseAppcmdApps,
    raw,
  );
  const pools = await appcmd<IisAppPool[]>(
    host,
    ['list', 'apppool', '/xml', '/config'],
    'the application pools and their identities',
    parseAppcmdAppPools,
    raw,
  );
  for (const read of [apps, pools]) if (read.unreadable) unreadable.push(read.unreadable);
  const served = findServingApplication(parsed, sites.value, apps.value ?? [], pools.value ?? []);
  if (!served || !served.application) {
    return {
      facts: {
        ...base,
        iisReadable: true,
        readAsAdministrator,
        site: served?.site ?? null,
        bindingProtocol: served?.binding.protocol ?? null,
      },
      raw,
    };
  }

  const readAuth = async (app: IisApplication) => {
    const location = appcmdLocation(app.siteName, app.path);
    const windows = await appcmd(
      host,
      ['list', 'config', location, `-section:${windowsAuthSection}`, '/xml', '/config:*'],
      `the windowsAuthentication section of "${location}"`,
      parseWindowsAuthSection,
      raw,
    );
    return { location, windows };
  };
  const own = await readAuth(served.application);
  if (own.windows.unreadable) unreadable.push(own.windows.unreadable);
  const anonymous = await appcmd(
    host,
    ['list', 'config', own.location, `-section:${anonymousAuthSection}`, '/xml', '/config:*'],
    `the anonymousAuthentication section of "${own.location}"`,
    parseAnonymousAuthSection,
    raw,
  );
  if (anonymous.unreadable) unreadable.push(anonymous.unreadable);
  if (served.application.appPoolName && !served.pool && pools.value) {
    unreadable.push({
      what: `application pool "${served.application.appPoolName}"`,
      reason: 'appcmd does not list it',
      checkByHand: '%windir%\\system32\\inetsrv\\appcmd.exe list apppool /xml /config',
    });
  }
  const decrypting =
    served.pool && own.windows.value
      ? decryptingAccount(served.pool.identity, own.windows.value.settings, server)
      : null;

  const siteApplications: SiteApplicationIdentity[] = [];
  for (const app of served.siteApplications) {
    const pool = (pools.value ?? []).find(
      (candidate) => candidate.name.toLowerCase() === app.appPoolName?.toLowerCase(),
    );
    const auth = app === served.application ? own : await readAuth(app);
    const account =
      pool && auth.windows.value
        ? decryptingAccount(pool.identity, auth.windows.value.settings, server).account
        : null;
    // Applications without Windows authentication take no part in Kerberos.
    if (auth.windows.value && !auth.windows.value.settings.enabled) continue;
    const settings = auth.windows.value?.settings ?? null;
    siteApplications.push({
      path: app.path,
      appPoolName: app.appPoolName,
      decryptingAccount: account?.display ?? null,
      poolIdentity: pool?.identity ?? null,
      kernelModeWithoutAppPoolCredentials: settings
        ? settings.useKernelMode && !settings.useAppPoolCredentials
        : null,
    });
  }

  return {
    facts: {
      ...base,
      iisReadable: true,
      readAsAdministrator,
      site: served.site,
      bindingProtocol: served.binding.protocol,
      application: served.application,
      pool: served.pool,
      windowsAuth: own.windows.value,
      anonymousAuth: anonymous.value,
      decrypting,
      siteApplications,
    },
    raw,
  };
}

/** One reading per diagnosis (its abort signal) and address: three probes need it, and a declined UAC prompt must not be asked again. */
const readings = new WeakMap<AbortSignal, Map<string, Promise<IisApplicationReading>>>();

export function iisApplicationFor(context: Pick<ProbeContext, 'host' | 'target' | 'machine' | 'signal'>) {
  const byUrl = readings.get(context.signal) ?? new Map<string, Promise<IisApplicationReading>>();
  readings.set(context.signal, byUrl);
  let reading = byUrl.get(context.target.url);
  if (!reading) {
    reading = readIisApplication(context.host, context.target.url, context.machine);
    // A reading that failed outright is not kept: the next probe tries again and reports its own failure.
    reading.catch(() => byUrl.delete(context.target.url));
    byUrl.set(context.target.url, reading);
  }
  return reading;
}

export function iisApplicationSummary(facts: IisApplicationFacts): string {
  if (!facts.iisReadable) return `IIS configuration on ${facts.machine.computerName} could not be read.`;
  if (!facts.site || !facts.application)
    return `No IIS site on ${facts.machine.computerName} answers ${facts.host}:${facts.port}.`;
  const auth = facts.windowsAuth?.settings;
  return (
    `${appcmdLocation(facts.site.name, facts.application.path)} runs in pool ${facts.pool?.name ?? facts.application.appPoolName ?? '?'}` +
    ` as ${facts.decrypting?.poolAccount?.display ?? '?'}; Windows authentication ${auth ? (auth.enabled ? 'on' : 'off') : 'unreadable'}` +
    (auth
      ? `, providers ${auth.providers.join(', ') || 'none'}, kernel mode ${auth.useKernelMode ? 'on' : 'off'}, useAppPoolCredentials ${auth.useAppPoolCredentials}`
      : '') +
    `; anonymous ${facts.anonymousAuth ? (facts.anonymousAuth.settings.enabled ? 'on' : 'off') : 'unreadable'}.` +
    (facts.readAsAdministrator
      ? ' Read as administrator: applicationHost.config can be read only with administrator rights.'
      : '')
  );
}

export const iisApplicationProbe: Probe = {
  id: 'iis:application',
  title: 'Which IIS site, application and pool serve the address, and how they sign people in',
  async run(context) {
    const { facts, raw } = await iisApplicationFor(context);
    const evidence: Evidence<'iis-application'> = {
      id: 'iis-application',
      probe: this.id,
      kind: 'iis-application',
      // Anything unreadable makes the check "unavailable" for the engine, which shows the
      // summary — with the command to run by hand — as the probe's status; rules still use the rest.
      status: facts.unreadable.length > 0 || !facts.iisReadable ? 'unavailable' : 'info',
      summary: [iisApplicationSummary(facts), ...facts.unreadable.map(describeUnreadable)].join(' '),
      facts,
      raw,
    };
    return [evidence];
  },
};
