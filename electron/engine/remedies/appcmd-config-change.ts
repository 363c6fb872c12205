/**
 * IIS configuration changes, one way for every IIS remedy (reference §4.2, IISDOCS samples):
 *
 *   appcmd.exe set config "<Site/app>" -section:<section> /<attribute>:"<value>" /commit:apphost
 *
 * The authentication sections are locked at server level, so only `/commit:apphost` writes
 * them (into a `<location>` of applicationHost.config, §4.2). Every change first reads the
 * current values (`list config … /xml /config:*`, §4.3) — through the elevated session when
 * applicationHost.config may be read by administrators only (../iis/iis-config-access.ts) — and
 * carries the appcmd call that puts exactly those values back, and the same values as data; the
 * journal keeps the values read just before the change, and undo refuses when they changed since.
 *
 * Arguments travel as an argument array (never a command line): the double quotes §4.2
 * shows are for cmd.exe only, so the arguments hold none; `appcmdLine` adds them back for
 * the line a person reads.
 */
import {
  AppcmdOutputError,
  anonymousAuthSection,
  parseAnonymousAuthSection,
  parseWindowsAuthSection,
  readAppcmdError,
  windowsAuthSection,
} from '../../../shared/iis/appcmd-output.js';
import type { AnonymousAuthSettings, WindowsAuthSettings } from '../../../shared/iis/iis-configuration.js';
import type { ToolInvocation } from '../../../shared/host/allowed-tools.js';
import type { ChangeOperation } from '../../../shared/model/change-plan.js';
import type { IisSectionValues } from '../../../shared/model/tool-subject.js';
import type { Host } from '../../host/host.js';
import { readAppcmd } from '../iis/iis-config-access.js';
import { RemedyPreconditionError } from './remedy.js';

/** A quote or a control character (which appcmd's own parser would split or end on). */
function hasQuoteOrControl(value: string, quotes: string): boolean {
  return [...value].some(
    (char) => quotes.includes(char) || (char.codePointAt(0) ?? 0) < 0x20 || char === '\u007f',
  );
}

export { anonymousAuthSection, windowsAuthSection };

export type AppcmdToolOperation = Extract<ChangeOperation, { op: 'tool.run' }>;

/** A site/app location as appcmd names it (`Default Web Site`, `Default Web Site/app`, §4.3). */
export function checkedLocation(value: unknown): string {
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.length > 300 ||
    hasQuoteOrControl(value, '"')
  ) {
    throw new RemedyPreconditionError('the IIS application of this fix is not a valid appcmd location');
  }
  return value;
}

/** A collection key inside `[value='…']`: appcmd has no escape for the quote, so none may be in it. */
export function collectionKey(value: string, what: string): string {
  if (value.length === 0 || value.length > 300 || hasQuoteOrControl(value, `'"`) || /\s/.test(value)) {
    throw new RemedyPreconditionError(`${what} "${value.slice(0, 60)}" cannot be written with appcmd`);
  }
  return value;
}

export function appcmdBoolean(value: boolean): 'True' | 'False' {
  return value ? 'True' : 'False';
}

/** `set config <location> -section:<section> <edits…> /commit:apphost` as an argument array. */
export function appcmdSetConfig(location: string, section: string, edits: readonly string[]): ToolInvocation {
  return {
    tool: 'appcmd',
    args: ['set', 'config', location, `-section:${section}`, ...edits, '/commit:apphost'],
  };
}

export type AuthSection = typeof windowsAuthSection | typeof anonymousAuthSection;

/**
 * One change with its undo, both in the §4.2 form, and the same as data: the values read
 * while planning (`before`, what undo puts back) and the values it sets (`after`, what undo
 * expects to find). The runner journals and re-checks them (remedy-runner.ts).
 */
export function appcmdOperation(
  location: string,
  section: AuthSection,
  change: {
    readonly edits: readonly string[];
    readonly undoEdits: readonly string[];
    readonly before: IisSectionValues;
    readonly after: IisSectionValues;
  },
  describe: string,
): AppcmdToolOperation {
  return {
    op: 'tool.run',
    run: appcmdSetConfig(location, section, change.edits),
    undo: appcmdSetConfig(location, section, change.undoEdits),
    describe,
    subject: { kind: 'iis-section', location, section, before: change.before, after: change.after },
  };
}

function displayArgument(argument: string): string {
  const setting = /^\/([A-Za-z.]+):(.*)$/.exec(argument);
  if (setting && setting[1] !== 'commit') return `/${setting[1]}:"${setting[2]}"`;
  const collection = /^\/([+\-~])(.+)$/.exec(argument);
  if (collection) return `/${collection[1]}"${collection[2]}"`;
  return /\s/.test(argument) ? `"${argument}"` : argument;
}

/** The line a person would type (reference §4.2 quoting): `appcmd.exe set config "Site/app" -section:… /enabled:"True" /commit:apphost`. */
export function appcmdLine(invocation: ToolInvocation): string {
  const [verb, object, location, ...rest] = invocation.args;
  return ['appcmd.exe', verb, object, `"${location ?? ''}"`, ...rest.map(displayArgument)].join(' ');
}

async function readSection<T>(
  host: Host,
  location: string,
  section: string,
  parse: (output: string) => T,
): Promise<T> {
  // applicationHost.config is usually readable by administrators only: read it elevated then.
  const read = await readAppcmd(host, [
    'list',
    'config',
    location,
    `-section:${section}`,
    '/xml',
    '/config:*',
  ]);
  if (read.kind === 'refused') throw new RemedyPreconditionError(`${read.reason}; nothing was changed`);
  const { run } = read;
  if (run.outcome === 'could-not-run' || run.exitCode === 9009) {
    throw new RemedyPreconditionError(
      `appcmd.exe is not available here (${run.reason ?? 'is the IIS role installed?'}), so IIS cannot be changed`,
    );
  }
  try {
    return parse(run.stdout);
  } catch (error) {
    if (error instanceof AppcmdOutputError) {
      throw new RemedyPreconditionError(
        `the current IIS settings of "${location}" could not be read, so nothing was changed: ${readAppcmdError(run.stdout) ?? error.message}`,
      );
    }
    throw error;
  }
}

export async function readWindowsAuth(host: Host, location: string): Promise<WindowsAuthSettings> {
  return (await readSection(host, location, windowsAuthSection, parseWindowsAuthSection)).settings;
}

export async function readAnonymousAuth(host: Host, location: string): Promise<AnonymousAuthSettings> {
  return (await readSection(host, location, anonymousAuthSection, parseAnonymousAuthSection)).settings;
}

/** The section's current values of the attributes `keys` names (the state an operation's subject tracks). */
export async function readIisSectionValues(
  host: Host,
  location: string,
  section: AuthSection,
  keys: readonly (keyof IisSectionValues)[],
): Promise<IisSectionValues> {
  const all: IisSectionValues =
    section === anonymousAuthSection
      ? { enabled: (await readAnonymousAuth(host, location)).enabled }
      : windowsAuthValues(await readWindowsAuth(host, location));
  return Object.fromEntries(keys.map((key) => [key, all[key]])) as IisSectionValues;
}

export function windowsAuthValues(settings: WindowsAuthSettings): IisSectionValues {
  return {
    enabled: settings.enabled,
    providers: [...settings.providers],
    useKernelMode: settings.useKernelMode,
    useAppPoolCredentials: settings.useAppPoolCredentials,
    extendedProtectionFlags: [...settings.extendedProtection.flags],
    extendedProtectionSpns: [...settings.extendedProtection.spns],
  };
}
