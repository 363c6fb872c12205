/**
 * The web server at the scenario's address, as the simulated sign-in meets it: what it answers
 * without credentials, and what it does with a Negotiate token. Everything is derived from the
 * scenario's state (scenario section `webServer` wins where it says something):
 *
 * - when the simulated machine's own IIS serves the address (the same binding and application
 *   matching the iis:application probe uses, shared/iis/serving-application.ts): anonymous on
 *   → 200 without a challenge; Windows authentication off → 401 offering nothing (IIS 401.2);
 *   otherwise 401 offering its providers in order (reference §4.1, §7.8);
 * - the account that decrypts tickets: the pool identity, or the computer account for built-in
 *   identities and for kernel mode without useAppPoolCredentials (shared/iis/pool-account.ts, §4.4);
 * - Extended Protection `Require` without the Proxy flag behind a load balancer that ends TLS:
 *   the channel binding can never match, every sign-in fails (§7.4);
 * - http.sys rejects an Authorization header longer than its limits with 400 before IIS sees
 *   it (§7.2, the same arithmetic as shared/iis/httpsys-limits.ts);
 * - a site the machine does not run is a healthy IIS: 401 offering Negotiate and NTLM, and it
 *   decrypts the tickets the domain issues for its SPN.
 *
 * The request is one the person makes from a domain computer: when the simulated machine is the
 * web server itself, the sign-in is simulated as coming from another computer of the domain —
 * browsing the site on the server itself is the loopback check's case, which the loopback:check
 * probe reads from the registry (§7.1). Site and pool start/stop states are not simulated.
 */
import { parseBinding } from '../../../../shared/iis/appcmd-output.js';
import {
  httpSysParametersKey,
  readHttpSysLimits,
  type HttpSysLimits,
} from '../../../../shared/iis/httpsys-limits.js';
import type { IisAppPool, IisApplication, IisSite } from '../../../../shared/iis/iis-configuration.js';
import { decryptingAccount as poolDecryptingAccount } from '../../../../shared/iis/pool-account.js';
import { findServingApplication } from '../../../../shared/iis/serving-application.js';
import type { Scenario } from '../../../../shared/scenario/scenario-schema.js';
import type { ScenarioIisApplication, ScenarioIisSite } from '../../../../shared/scenario/sections/iis.js';
import type { SimulatedRegistry } from '../simulated-registry.js';

/** Who decrypts the site's Kerberos tickets. */
export type SimulatedDecryptor =
  /** A named account: a ticket encrypted for any other account cannot be decrypted. */
  | { readonly kind: 'account'; readonly account: string; readonly because: string }
  /** No account with keys in the domain (a local pool account, a workgroup server): no ticket decrypts. */
  | { readonly kind: 'none'; readonly because: string }
  /** Not described: the site decrypts whatever the domain issues for its SPN (healthy). */
  | { readonly kind: 'spn-holder' };

export interface SimulatedSite {
  readonly url: URL;
  readonly reachable: boolean;
  readonly server: string;
  readonly anonymous: { readonly status: number; readonly offers: readonly string[] };
  readonly decryptor: SimulatedDecryptor;
  /** Extended Protection can never be satisfied (Require, TLS ended in front, no Proxy flag). */
  readonly channelBindingFails: boolean;
  readonly certificate: { readonly subject: string; readonly issuer: string; readonly trusted: boolean };
  readonly limits: HttpSysLimits;
}

const healthyOffers = ['Negotiate', 'NTLM'] as const;

/** WWW-Authenticate scheme IIS sends for a provider (Negotiate:Kerberos is still offered as Negotiate [U], §4.1). */
function offerOf(provider: string): string {
  const lower = provider.toLowerCase();
  if (lower.startsWith('negotiate')) return 'Negotiate';
  if (lower === 'ntlm') return 'NTLM';
  return provider;
}

interface IisServing {
  readonly site: ScenarioIisSite;
  readonly application: ScenarioIisApplication;
  readonly bindingProtocol: string;
}

function servingApplication(scenario: Scenario, url: URL): IisServing | null {
  const iis = scenario.iis;
  if (!iis) return null;
  const sites: IisSite[] = iis.sites.map((site) => ({
    name: site.name,
    id: site.id,
    state: site.state,
    bindings: site.bindings.map((binding) => parseBinding(binding.protocol, binding.bindingInformation)),
  }));
  const applications: IisApplication[] = iis.sites.flatMap((site) =>
    site.applications.map((application) => ({
      siteName: site.name,
      path: application.path,
      appPoolName: application.appPool,
    })),
  );
  const pools: IisAppPool[] = iis.appPools.map((pool) => ({
    name: pool.name,
    state: pool.state,
    identity:
      pool.identityType === 'SpecificUser'
        ? { type: 'SpecificUser', userName: pool.userName ?? '' }
        : { type: pool.identityType },
  }));
  const found = findServingApplication(url, sites, applications, pools);
  if (!found?.application) return null;
  const site = iis.sites.find((candidate) => candidate.name === found.site.name);
  const application = site?.applications.find((candidate) => candidate.path === found.application?.path);
  if (!site || !application) return null;
  return { site, application, bindingProtocol: found.binding.protocol };
}

function derivedDecryptor(scenario: Scenario, application: ScenarioIisApplication): SimulatedDecryptor {
  const pool = scenario.iis?.appPools.find(
    (candidate) => candidate.name.toLowerCase() === application.appPool.toLowerCase(),
  );
  if (!pool) return { kind: 'none', because: `the pool ${application.appPool} does not exist` };
  const decrypting = poolDecryptingAccount(
    pool.identityType === 'SpecificUser'
      ? { type: 'SpecificUser', userName: pool.userName ?? '' }
      : { type: pool.identityType },
    application.windowsAuthentication,
    { computerName: scenario.machine.computerName, domain: scenario.machine.domain },
  );
  return decrypting.account
    ? { kind: 'account', account: decrypting.account.display, because: decrypting.because }
    : { kind: 'none', because: decrypting.because };
}

function derivedAnonymous(application: ScenarioIisApplication): SimulatedSite['anonymous'] {
  if (application.anonymousAuthentication.enabled) return { status: 200, offers: [] };
  const windows = application.windowsAuthentication;
  if (!windows.enabled) return { status: 401, offers: [] };
  const offers: string[] = [];
  for (const provider of windows.providers) {
    const offer = offerOf(provider);
    if (!offers.includes(offer)) offers.push(offer);
  }
  return { status: 401, offers };
}

export function describeSimulatedSite(
  scenario: Scenario,
  registry: SimulatedRegistry,
  url: URL,
): SimulatedSite {
  const described = scenario.webServer;
  const serving = servingApplication(scenario, url);
  const https = url.protocol === 'https:';
  const tlsOffloaded =
    described?.tlsOffloaded ?? (https && serving !== null && serving.bindingProtocol === 'http');
  const extendedProtection = serving?.application.windowsAuthentication.extendedProtection;
  const limits =
    described?.httpSysLimits !== undefined
      ? {
          ...described.httpSysLimits,
          explicit: { maxFieldLength: true, maxRequestBytes: true },
          ignoredValues: [],
        }
      : readHttpSysLimits(serving ? registry.readTree({ ...httpSysParametersKey }, 0) : null);
  return {
    url,
    reachable: described?.reachable ?? true,
    server: described?.server ?? 'Microsoft-IIS/10.0',
    anonymous:
      described?.anonymous ??
      (serving ? derivedAnonymous(serving.application) : { status: 401, offers: [...healthyOffers] }),
    decryptor: described?.decryptingAccount
      ? { kind: 'account', account: described.decryptingAccount, because: 'the scenario says so' }
      : serving
        ? derivedDecryptor(scenario, serving.application)
        : { kind: 'spn-holder' },
    channelBindingFails:
      tlsOffloaded &&
      extendedProtection?.tokenChecking === 'Require' &&
      !extendedProtection.flags.includes('Proxy'),
    certificate: {
      subject: described?.certificate?.subject ?? `CN=${url.hostname}`,
      issuer: described?.certificate?.issuer ?? 'CN=Contoso Issuing CA',
      trusted: described?.certificate?.trusted ?? true,
    },
    limits,
  };
}
