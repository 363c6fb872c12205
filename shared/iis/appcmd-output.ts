/**
 * Reads appcmd's XML output into the typed IIS model (reference §4.3, §4.4):
 * - `appcmd list site /xml [/config]`     → `<appcmd><SITE SITE.NAME= SITE.ID= bindings= state=>…`
 *   (assumed, not in the reference: no capture of `list site` was found; see fixtures/README.md)
 * - `appcmd list app /xml`                → `<APP APP.NAME="Site/" SITE.NAME= APPPOOL.NAME= path=/>` [V-ex]
 * - `appcmd list apppool /xml /config`    → `<APPPOOL APPPOOL.NAME=…><add><processModel identityType= userName=/>` [V-ex]
 * - `appcmd list config <path> -section:<auth section> /xml /config:*`
 *   → `<CONFIG CONFIG.SECTION= path= overrideMode= locked=><system.webServer-security-…>` [R]
 *   and, without `/xml`, the raw `<system.webServer><security><authentication>…` wrapper [R].
 * Errors print `ERROR ( message:… )` (readAppcmdError). With `/config` appcmd prints pool
 * passwords in clear text (§4.4): they are dropped here and never enter the model.
 */
import type {
  AnonymousAuthSettings,
  AppPoolIdentity,
  ConfigSectionRead,
  ExtendedProtectionFlag,
  IisAppPool,
  IisApplication,
  IisBinding,
  IisSite,
  TokenChecking,
  WindowsAuthSettings,
} from './iis-configuration.js';
import {
  anonymousAuthDefaults,
  appPoolIdentityTypes,
  extendedProtectionFlagNames,
  tokenCheckingValues,
  windowsAuthDefaults,
} from './iis-configuration.js';
import {
  childElement,
  childElements,
  parseXmlElementTree,
  XmlFormatError,
  type XmlElement,
} from './xml-element-tree.js';

export class AppcmdOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AppcmdOutputError';
  }
}

export const windowsAuthSection = 'system.webServer/security/authentication/windowsAuthentication';
export const anonymousAuthSection = 'system.webServer/security/authentication/anonymousAuthentication';

/** `ERROR ( message:… )` → the message; null when the output is not an appcmd error. */
export function readAppcmdError(output: string): string | null {
  const match = /^\s*ERROR \(\s*(?:hresult:[0-9a-fA-F]+,\s*)?message:([\s\S]*?)\s*\)\s*$/.exec(output);
  if (!match) return null;
  return (match[1] ?? '').replace(/\s+/g, ' ').trim().slice(0, 500);
}

function parseDocument(output: string, what: string): XmlElement {
  const error = readAppcmdError(output);
  if (error !== null) throw new AppcmdOutputError(`appcmd could not ${what}: ${error}`);
  try {
    return parseXmlElementTree(output);
  } catch (cause) {
    if (cause instanceof XmlFormatError)
      throw new AppcmdOutputError(`appcmd ${what} output is not readable XML: ${cause.message}`);
    throw cause;
  }
}

function appcmdRoot(output: string, what: string): XmlElement {
  const root = parseDocument(output, what);
  if (root.name !== 'appcmd')
    throw new AppcmdOutputError(
      `appcmd ${what} output has root <${root.name}>, expected <appcmd> (was /xml given?)`,
    );
  return root;
}

function requiredAttribute(element: XmlElement, name: string, what: string): string {
  const value = element.attributes.get(name);
  if (value === undefined)
    throw new AppcmdOutputError(`appcmd ${what}: <${element.name}> has no ${name} attribute`);
  return value;
}

function booleanAttribute(element: XmlElement | undefined, name: string, fallback: boolean): boolean {
  const value = element?.attributes.get(name);
  if (value === undefined) return fallback;
  if (/^true$/i.test(value)) return true;
  if (/^false$/i.test(value)) return false;
  throw new AppcmdOutputError(`${name}="${value.slice(0, 40)}" is not true or false`);
}

/** `http/*:80:web01.contoso.com`, `https/[::1]:443:`, `net.tcp/808:*` (IIS binding strings). */
export function parseBinding(protocol: string, bindingInformation: string): IisBinding {
  const match = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]]*):(\d{1,5}):(.*)$/.exec(bindingInformation);
  if (!match || !/^https?$/i.test(protocol))
    return { protocol: protocol.toLowerCase(), ipAddress: '', port: null, hostHeader: bindingInformation };
  const port = Number(match[2]);
  if (port < 1 || port > 65535)
    throw new AppcmdOutputError(`binding "${bindingInformation.slice(0, 80)}" has an invalid port`);
  return {
    protocol: protocol.toLowerCase(),
    ipAddress: match[1] || '*',
    port,
    hostHeader: (match[3] ?? '').toLowerCase(),
  };
}

function bindingsFromSummary(summary: string): IisBinding[] {
  return summary
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const slash = entry.indexOf('/');
      if (slash <= 0) throw new AppcmdOutputError(`binding "${entry.slice(0, 80)}" has no protocol`);
      return parseBinding(entry.slice(0, slash), entry.slice(slash + 1));
    });
}

/**
 * `appcmd list site /xml` (with or without `/config`). UNVERIFIED: the reference quotes no
 * `list site` output (§4.3–§4.4); the `SITE` element, its attributes and the `<site><bindings>`
 * child under `/config` are assumed by analogy with the APPPOOL/APP forms (fixtures/README.md).
 * Check against a real capture before relying on it.
 */
export function parseAppcmdSites(output: string): IisSite[] {
  const root = appcmdRoot(output, 'list site');
  return childElements(root, 'SITE').map((element) => {
    const name = requiredAttribute(element, 'SITE.NAME', 'list site');
    const idText = element.attributes.get('SITE.ID');
    const detail = childElement(element, 'site');
    const bindingElements = detail
      ? childElements(childElement(detail, 'bindings') ?? detail, 'binding')
      : [];
    const bindings =
      bindingElements.length > 0
        ? bindingElements.map((binding) =>
            parseBinding(
              requiredAttribute(binding, 'protocol', 'list site'),
              requiredAttribute(binding, 'bindingInformation', 'list site'),
            ),
          )
        : bindingsFromSummary(element.attributes.get('bindings') ?? '');
    return {
      name,
      id: idText !== undefined && /^\d{1,10}$/.test(idText) ? Number(idText) : null,
      state: element.attributes.get('state') ?? null,
      bindings,
    };
  });
}

/** `appcmd list app /xml`: APP.NAME is `Site/` for the root application, `Site/app` otherwise (§4.3). */
export function parseAppcmdApps(output: string): IisApplication[] {
  const root = appcmdRoot(output, 'list app');
  return childElements(root, 'APP').map((element) => {
    const appName = requiredAttribute(element, 'APP.NAME', 'list app');
    const siteName =
      element.attributes.get('SITE.NAME') ?? appName.slice(0, Math.max(0, appName.indexOf('/')));
    const path = element.attributes.get('path') ?? (appName.slice(siteName.length) || '/');
    return {
      siteName,
      path: path.startsWith('/') ? path : `/${path}`,
      appPoolName: element.attributes.get('APPPOOL.NAME') ?? null,
    };
  });
}

function identityOf(processModel: XmlElement | undefined): AppPoolIdentity {
  const type = processModel?.attributes.get('identityType') ?? 'ApplicationPoolIdentity';
  // PowerShell 5.1 and some exports give the enum number (§4.4 order: LocalSystem=0 … ApplicationPoolIdentity=4).
  const name = /^\d$/.test(type)
    ? appPoolIdentityTypes[Number(type)]
    : appPoolIdentityTypes.find((known) => known.toLowerCase() === type.toLowerCase());
  if (!name) throw new AppcmdOutputError(`identityType "${type.slice(0, 40)}" is not one IIS knows`);
  if (name !== 'SpecificUser') return { type: name };
  const userName = processModel?.attributes.get('userName') ?? '';
  if (userName.length === 0) throw new AppcmdOutputError('a SpecificUser pool has no userName');
  return { type: 'SpecificUser', userName };
}

/** `appcmd list apppool /xml /config`; without `/config` the identity is not printed and the pool reads as the default. */
export function parseAppcmdAppPools(output: string): IisAppPool[] {
  const root = appcmdRoot(output, 'list apppool');
  return childElements(root, 'APPPOOL').map((element) => {
    const add = childElement(element, 'add');
    return {
      name: requiredAttribute(element, 'APPPOOL.NAME', 'list apppool'),
      state: element.attributes.get('state') ?? null,
      identity: identityOf(add ? childElement(add, 'processModel') : undefined),
    };
  });
}

/** Finds the section element in either output form: `/xml` (CONFIG + dashed name) or raw config XML. */
function sectionElement(
  output: string,
  section: string,
): { element: XmlElement | undefined; config: XmlElement | undefined } {
  const root = parseDocument(output, `list config -section:${section}`);
  const segments = section.split('/');
  if (root.name === 'appcmd') {
    const config = childElements(root, 'CONFIG').find(
      (candidate) => candidate.attributes.get('CONFIG.SECTION')?.toLowerCase() === section.toLowerCase(),
    );
    if (!config) return { element: undefined, config: undefined };
    return { element: childElement(config, segments.join('-')), config };
  }
  let element: XmlElement | undefined = root.name === segments[0] ? root : undefined;
  for (const segment of segments.slice(1)) element = element ? childElement(element, segment) : undefined;
  return { element, config: undefined };
}

function sectionRead<Settings>(
  config: XmlElement | undefined,
  settings: Settings,
): ConfigSectionRead<Settings> {
  const locked = config?.attributes.get('locked');
  return {
    path: config?.attributes.get('path') ?? null,
    locked: locked === undefined ? null : /^true$/i.test(locked),
    overrideMode: config?.attributes.get('overrideMode') ?? null,
    settings,
  };
}

/** The collection in order, honouring `<clear/>` and `<remove value=>` (§4.1 collection schema). */
function providerList(providers: XmlElement | undefined): string[] {
  if (!providers) return [...windowsAuthDefaults.providers];
  let list: string[] = [];
  for (const child of providers.children) {
    const value = child.attributes.get('value');
    if (child.name === 'clear') list = [];
    else if (child.name === 'add' && value)
      list = [...list.filter((item) => item.toLowerCase() !== value.toLowerCase()), value];
    else if (child.name === 'remove' && value)
      list = list.filter((item) => item.toLowerCase() !== value.toLowerCase());
  }
  return list;
}

function extendedProtectionOf(element: XmlElement | undefined): WindowsAuthSettings['extendedProtection'] {
  if (!element) return windowsAuthDefaults.extendedProtection;
  const tokenText = element.attributes.get('tokenChecking') ?? 'None';
  const tokenChecking = /^\d$/.test(tokenText)
    ? tokenCheckingValues[Number(tokenText)]
    : tokenCheckingValues.find((value) => value.toLowerCase() === tokenText.toLowerCase());
  if (!tokenChecking)
    throw new AppcmdOutputError(
      `extendedProtection tokenChecking="${tokenText.slice(0, 40)}" is not None, Allow or Require`,
    );
  const flags: ExtendedProtectionFlag[] = [];
  for (const flagText of (element.attributes.get('flags') ?? 'None').split(',').map((flag) => flag.trim())) {
    if (flagText === '' || /^none$/i.test(flagText)) continue;
    const flag = extendedProtectionFlagNames.find((known) => known.toLowerCase() === flagText.toLowerCase());
    if (!flag)
      throw new AppcmdOutputError(`extendedProtection flag "${flagText.slice(0, 40)}" is not one IIS knows`);
    flags.push(flag);
  }
  const spns = element.children
    .filter((child) => child.name === 'spn')
    .map((child) => child.attributes.get('name') ?? '')
    .filter((name) => name.length > 0);
  return { tokenChecking: tokenChecking as TokenChecking, flags, spns };
}

/**
 * `appcmd list config "<site/app>" -section:…windowsAuthentication /xml /config:*`. Attributes
 * appcmd does not print take the schema default (§4.1), which is what IIS uses when nothing
 * sets them; ask with `/config:*` so inherited values are printed too (§4.3).
 */
export function parseWindowsAuthSection(output: string): ConfigSectionRead<WindowsAuthSettings> {
  const { element, config } = sectionElement(output, windowsAuthSection);
  if (!element && !config) throw new AppcmdOutputError(`the output holds no ${windowsAuthSection} section`);
  return sectionRead(config, {
    enabled: booleanAttribute(element, 'enabled', windowsAuthDefaults.enabled),
    providers: providerList(element ? childElement(element, 'providers') : undefined),
    useKernelMode: booleanAttribute(element, 'useKernelMode', windowsAuthDefaults.useKernelMode),
    useAppPoolCredentials: booleanAttribute(
      element,
      'useAppPoolCredentials',
      windowsAuthDefaults.useAppPoolCredentials,
    ),
    authPersistNonNTLM: booleanAttribute(
      element,
      'authPersistNonNTLM',
      windowsAuthDefaults.authPersistNonNTLM,
    ),
    authPersistSingleRequest: booleanAttribute(
      element,
      'authPersistSingleRequest',
      windowsAuthDefaults.authPersistSingleRequest,
    ),
    extendedProtection: extendedProtectionOf(
      element ? childElement(element, 'extendedProtection') : undefined,
    ),
  });
}

/** `appcmd list config "<site/app>" -section:…anonymousAuthentication /xml /config:*`. The password is never read. */
export function parseAnonymousAuthSection(output: string): ConfigSectionRead<AnonymousAuthSettings> {
  const { element, config } = sectionElement(output, anonymousAuthSection);
  if (!element && !config) throw new AppcmdOutputError(`the output holds no ${anonymousAuthSection} section`);
  return sectionRead(config, {
    enabled: booleanAttribute(element, 'enabled', anonymousAuthDefaults.enabled),
    userName: element?.attributes.get('userName') ?? anonymousAuthDefaults.userName,
  });
}
