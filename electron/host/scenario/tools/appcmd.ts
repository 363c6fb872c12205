/**
 * Simulated appcmd.exe (reference §4.2 set, §4.3 list config, §4.4 apppool/app). Answers from
 * the scenario's `iis` section in the `/xml` forms of §4.3–§4.4 (and the plain text forms
 * for `list site/app/apppool`); `set config … /commit:apphost` changes the scenario so
 * verify and undo see it. The `list site` form is assumed, not quoted in the reference
 * (shared/iis/fixtures/README.md). Without `/commit:apphost` a set fails as on a real server,
 * where the authentication sections are locked at server level (§4.2).
 */
import type { Scenario } from '../../../../shared/scenario/scenario-schema.js';
import type {
  ScenarioIis,
  ScenarioIisApplication,
  ScenarioIisSite,
  ScenarioWindowsAuth,
} from '../../../../shared/scenario/sections/iis.js';
import type { SimulatedTool, SimulatedToolResult } from '../simulated-tool.js';

const windowsAuthSection = 'system.webServer/security/authentication/windowsAuthentication';
const anonymousAuthSection = 'system.webServer/security/authentication/anonymousAuthentication';
const apphost = 'MACHINE/WEBROOT/APPHOST';

function ok(text: string): SimulatedToolResult {
  return { exitCode: 0, stdout: text.endsWith('\n') ? text : `${text}\r\n`, stderr: '' };
}

function error(message: string): SimulatedToolResult {
  return { exitCode: 1, stdout: `ERROR ( message:${message} )\r\n`, stderr: '' };
}

function xmlAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function attributes(pairs: Readonly<Record<string, string | number | boolean>>): string {
  return Object.entries(pairs)
    .map(([name, value]) => `${name}="${xmlAttribute(String(value))}"`)
    .join(' ');
}

function xmlDocument(body: readonly string[]): string {
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<appcmd>', ...body, '</appcmd>', ''].join('\r\n');
}

function bindingSummary(site: ScenarioIisSite): string {
  return site.bindings.map((binding) => `${binding.protocol}/${binding.bindingInformation}`).join(',');
}

function appName(site: ScenarioIisSite, app: ScenarioIisApplication): string {
  return `${site.name}${app.path}`;
}

/** `Site`, `Site/` → root application; `Site/app` → that application (§4.3 identifiers). */
function findApplication(
  iis: ScenarioIis,
  location: string,
): { site: ScenarioIisSite; app: ScenarioIisApplication } | null {
  const lower = location.replace(/^MACHINE\/WEBROOT\/APPHOST\//i, '').toLowerCase();
  for (const site of iis.sites) {
    const name = site.name.toLowerCase();
    if (lower !== name && !lower.startsWith(`${name}/`)) continue;
    const path = lower === name ? '/' : lower.slice(name.length) || '/';
    const app = site.applications.find(
      (candidate) => candidate.path.toLowerCase().replace(/(.)\/$/, '$1') === path.replace(/(.)\/$/, '$1'),
    );
    if (app) return { site, app };
  }
  return null;
}

function listSites(iis: ScenarioIis, xml: boolean, config: boolean): SimulatedToolResult {
  if (!xml)
    return ok(
      iis.sites
        .map(
          (site) =>
            `SITE "${site.name}" (id:${site.id},bindings:${bindingSummary(site)},state:${site.state})`,
        )
        .join('\r\n'),
    );
  return ok(
    xmlDocument(
      iis.sites.flatMap((site) => {
        const head = `  <SITE ${attributes({ 'SITE.NAME': site.name, 'SITE.ID': site.id, bindings: bindingSummary(site), state: site.state })}`;
        if (!config) return [`${head} />`];
        return [
          `${head}>`,
          `    <site ${attributes({ name: site.name, id: site.id })}>`,
          '      <bindings>',
          ...site.bindings.map(
            (binding) =>
              `        <binding ${attributes({ protocol: binding.protocol, bindingInformation: binding.bindingInformation })} />`,
          ),
          '      </bindings>',
          '    </site>',
          '  </SITE>',
        ];
      }),
    ),
  );
}

function listApps(iis: ScenarioIis, xml: boolean): SimulatedToolResult {
  const apps = iis.sites.flatMap((site) => site.applications.map((app) => ({ site, app })));
  if (!xml)
    return ok(
      apps
        .map(({ site, app }) => `APP "${appName(site, app)}" (applicationPool:${app.appPool})`)
        .join('\r\n'),
    );
  return ok(
    xmlDocument(
      apps.map(
        ({ site, app }) =>
          `  <APP ${attributes({ 'APP.NAME': appName(site, app), 'APPPOOL.NAME': app.appPool, 'SITE.NAME': site.name, path: app.path })} />`,
      ),
    ),
  );
}

function listAppPools(iis: ScenarioIis, xml: boolean, config: boolean): SimulatedToolResult {
  if (!xml)
    return ok(
      iis.appPools
        .map((pool) => `APPPOOL "${pool.name}" (MgdVersion:v4.0,MgdMode:Integrated,state:${pool.state})`)
        .join('\r\n'),
    );
  return ok(
    xmlDocument(
      iis.appPools.flatMap((pool) => {
        const head = `  <APPPOOL ${attributes({ 'APPPOOL.NAME': pool.name, PipelineMode: 'Integrated', RuntimeVersion: 'v4.0', state: pool.state })}`;
        if (!config) return [`${head} />`];
        // The scenario never holds a password; a real server prints it in clear text here (§4.4).
        const processModel = { identityType: pool.identityType, userName: pool.userName ?? '', password: '' };
        return [
          `${head}>`,
          `    <add ${attributes({ name: pool.name, managedRuntimeVersion: 'v4.0' })}>`,
          `      <processModel ${attributes(processModel)} />`,
          '    </add>',
          '  </APPPOOL>',
        ];
      }),
    ),
  );
}

function windowsAuthElement(auth: ScenarioWindowsAuth, elementName: string): string[] {
  const epa = auth.extendedProtection;
  return [
    `    <${elementName} ${attributes({
      enabled: auth.enabled,
      authPersistSingleRequest: auth.authPersistSingleRequest,
      authPersistNonNTLM: auth.authPersistNonNTLM,
      useKernelMode: auth.useKernelMode,
      useAppPoolCredentials: auth.useAppPoolCredentials,
    })}>`,
    '      <providers>',
    ...auth.providers.map((provider) => `        <add ${attributes({ value: provider })} />`),
    '      </providers>',
    `      <extendedProtection ${attributes({ tokenChecking: epa.tokenChecking, flags: epa.flags.length > 0 ? epa.flags.join(',') : 'None' })}>`,
    ...epa.spns.map((spn) => `        <spn ${attributes({ name: spn })} />`),
    '      </extendedProtection>',
    `    </${elementName}>`,
  ];
}

function listConfig(iis: ScenarioIis, location: string, section: string, xml: boolean): SimulatedToolResult {
  const found = findApplication(iis, location);
  if (!found) return error(`Cannot find configuration path "${location}".`);
  if (found.app.configError) return error(found.app.configError);
  const lower = section.toLowerCase();
  let inner: string[];
  if (lower === windowsAuthSection.toLowerCase()) {
    inner = windowsAuthElement(
      found.app.windowsAuthentication,
      xml ? 'system.webServer-security-authentication-windowsAuthentication' : 'windowsAuthentication',
    );
  } else if (lower === anonymousAuthSection.toLowerCase()) {
    const anonymous = found.app.anonymousAuthentication;
    inner = [
      `    <${xml ? 'system.webServer-security-authentication-anonymousAuthentication' : 'anonymousAuthentication'} ${attributes({ enabled: anonymous.enabled, userName: anonymous.userName })} />`,
    ];
  } else {
    return error(`Unknown config section "${section}".`);
  }
  const path = `${apphost}/${appName(found.site, found.app).replace(/\/$/, '')}`;
  if (!xml)
    return ok(
      [
        '<system.webServer>',
        '  <security>',
        '    <authentication>',
        ...inner.map((line) => `  ${line}`),
        '    </authentication>',
        '  </security>',
        '</system.webServer>',
        '',
      ].join('\r\n'),
    );
  return ok(
    xmlDocument([
      `  <CONFIG ${attributes({ 'CONFIG.SECTION': section, path, overrideMode: 'Inherit', locked: 'false' })}>`,
      ...inner,
      '  </CONFIG>',
    ]),
  );
}

function unquote(value: string): string {
  return value.replace(/^"(.*)"$/, '$1');
}

function parseBoolean(value: string): boolean | null {
  const text = unquote(value).toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : null;
}

/** Applies one `/name:value`, `/+"coll.[key='v']"`, `/-"coll.[key='v']"` or `/~"coll"` to a section; returns an error message or null. */
function applyWindowsAuthChange(auth: ScenarioWindowsAuth, change: string): string | null {
  const add = /^\/([+-])"?(providers|extendedProtection)\.\[(value|name)='([^']{1,300})'\]"?$/.exec(change);
  if (add?.[1] && add[2] && add[4]) {
    const list = add[2] === 'providers' ? auth.providers : auth.extendedProtection.spns;
    const index = list.findIndex((item) => item.toLowerCase() === add[4]?.toLowerCase());
    if (add[1] === '+') {
      if (index >= 0)
        return `Cannot add duplicate collection entry of type 'add' with unique key attribute '${add[3]}' set to '${add[4]}'`;
      list.push(add[4]);
    } else {
      if (index < 0) return `Cannot find requested collection element.`;
      list.splice(index, 1);
    }
    return null;
  }
  const clear = /^\/~"?(providers|extendedProtection)"?$/.exec(change);
  if (clear?.[1]) {
    if (clear[1] === 'providers') auth.providers.splice(0);
    else auth.extendedProtection.spns.splice(0);
    return null;
  }
  const set = /^\/([A-Za-z.]+):(.*)$/.exec(change);
  if (!set?.[1] || set[2] === undefined) return `Unknown attribute "${change}".`;
  const [name, value] = [set[1], unquote(set[2])];
  const booleanNames = [
    'enabled',
    'useKernelMode',
    'useAppPoolCredentials',
    'authPersistNonNTLM',
    'authPersistSingleRequest',
  ] as const;
  const booleanName = booleanNames.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  if (booleanName) {
    const parsed = parseBoolean(value);
    if (parsed === null) return `Invalid boolean value "${value}" for ${booleanName}.`;
    auth[booleanName] = parsed;
    return null;
  }
  if (name.toLowerCase() === 'extendedprotection.tokenchecking') {
    const token = (['None', 'Allow', 'Require'] as const).find(
      (candidate) => candidate.toLowerCase() === value.toLowerCase(),
    );
    if (!token) return `Invalid enumeration value "${value}" for tokenChecking.`;
    auth.extendedProtection.tokenChecking = token;
    return null;
  }
  if (name.toLowerCase() === 'extendedprotection.flags') {
    const known = ['Proxy', 'NoServiceNameCheck', 'AllowDotlessSpn', 'ProxyCohosting'] as const;
    const flags: (typeof known)[number][] = [];
    for (const part of value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0 && item.toLowerCase() !== 'none')) {
      const flag = known.find((candidate) => candidate.toLowerCase() === part.toLowerCase());
      if (!flag) return `Invalid flags value "${part}" for flags.`;
      flags.push(flag);
    }
    auth.extendedProtection.flags = flags;
    return null;
  }
  return `Unknown attribute "${name}".`;
}

function setConfig(
  iis: ScenarioIis,
  location: string,
  section: string,
  changes: readonly string[],
): SimulatedToolResult {
  const found = findApplication(iis, location);
  if (!found) return error(`Cannot find configuration path "${location}".`);
  if (found.app.configError) return error(found.app.configError);
  const commit = changes.find((change) => /^\/commit:/i.test(change));
  const edits = changes.filter((change) => change !== commit);
  const isWindows = section.toLowerCase() === windowsAuthSection.toLowerCase();
  const isAnonymous = section.toLowerCase() === anonymousAuthSection.toLowerCase();
  if (!isWindows && !isAnonymous) return error(`Unknown config section "${section}".`);
  if (!commit || unquote(commit.slice('/commit:'.length)).toLowerCase() !== 'apphost') {
    return error(
      'Configuration error\r\nFilename: \\\\?\\C:\\inetpub\\wwwroot\\web.config\r\nLine Number: 0\r\nDescription: This configuration section cannot be used at this path. ' +
        'This happens when the section is locked at a parent level. Locking is either by default (overrideModeDefault="Deny"), or set explicitly by a location tag with overrideMode="Deny" or the legacy allowOverride="false".\r\n',
    );
  }
  if (edits.length === 0) return error('No changes were given.');
  // Work on a copy: a rejected change leaves the configuration untouched, as appcmd does.
  if (isWindows) {
    const copy = structuredClone(found.app.windowsAuthentication);
    for (const edit of edits) {
      const problem = applyWindowsAuthChange(copy, edit);
      if (problem) return error(problem);
    }
    found.app.windowsAuthentication = copy;
  } else {
    const copy = structuredClone(found.app.anonymousAuthentication);
    for (const edit of edits) {
      const set = /^\/enabled:(.*)$/i.exec(edit);
      const parsed = set?.[1] !== undefined ? parseBoolean(set[1]) : null;
      if (parsed === null) return error(`Unknown attribute "${edit}".`);
      copy.enabled = parsed;
    }
    found.app.anonymousAuthentication = copy;
  }
  // [U] success line from memory (§4.2).
  return ok(
    `Applied configuration changes to section "${section}" for "${apphost}/${appName(found.site, found.app).replace(/\/$/, '')}" at configuration commit path "${apphost}"`,
  );
}

/** What appcmd prints when the person may not read applicationHost.config (redirection.config is read first). */
const insufficientPermissions = error(
  'Configuration error\r\nFilename: redirection.config\r\nLine Number: 0\r\nDescription: Cannot read configuration file due to insufficient permissions\r\n.',
);

export const simulatedAppcmd: SimulatedTool = (
  args: readonly string[],
  scenario: Scenario,
  context,
): SimulatedToolResult => {
  const iis = scenario.iis;
  if (!iis || !iis.appcmdAvailable) {
    // cmd.exe's answer for a missing program (exit code 9009).
    return {
      exitCode: 9009,
      stdout: '',
      stderr:
        "'appcmd' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n",
    };
  }
  // Every list and set reads applicationHost.config first.
  if (iis.configReadNeedsElevation && !context.elevated) return insufficientPermissions;
  const [verb, objectType, ...rest] = args;
  const flags = rest.filter((arg) => arg.startsWith('/') || arg.startsWith('-'));
  const positional = rest.filter((arg) => !arg.startsWith('/') && !arg.startsWith('-'));
  const xml = flags.some((flag) => flag.toLowerCase() === '/xml');
  const config = flags.some((flag) => /^\/config(?::\*)?$/i.test(flag));
  const sectionFlag = flags.find((flag) => /^[-/]section:/i.test(flag));
  const section = sectionFlag ? unquote(sectionFlag.slice(sectionFlag.indexOf(':') + 1)) : null;
  const type = objectType?.toLowerCase();
  if (verb?.toLowerCase() === 'list') {
    if (type === 'site' || type === 'sites') return listSites(iis, xml, config);
    if (type === 'app' || type === 'apps') return listApps(iis, xml);
    if (type === 'apppool' || type === 'apppools') return listAppPools(iis, xml, config);
    if (type === 'config' && positional[0] && section) return listConfig(iis, positional[0], section, xml);
  }
  if (verb?.toLowerCase() === 'set' && type === 'config' && positional[0] && section) {
    return setConfig(
      iis,
      positional[0],
      section,
      flags.filter((flag) => flag !== sectionFlag),
    );
  }
  return error(`The command "${args.join(' ').slice(0, 200)}" is not supported by this simulation.`);
};
