/**
 * Reads the text setspn.exe prints (reference §3.2, real captures; the duplicate forms are
 * reconstructed there and tested as such). Strict and bounded: text that does not have the
 * documented shape gives one `SetspnOutputError` line, never a guess.
 *
 * Shape facts relied on (§3.2): SPN and DN lines under a header are indented (8 spaces in
 * captures, a TAB possible); `-Q` ends with `No such SPN found.` or `Existing SPN found!`;
 * `-X` reports `found N group(s) of duplicate SPNs.` and exits 1 even on success, so the
 * exit code is never used; `-S` ends with `Updated object` or
 * `Duplicate SPN found, aborting operation!`.
 */

export interface DirectoryObjectSpns {
  readonly dn: string;
  readonly spns: readonly string[];
}

export interface SearchScope {
  readonly scope: 'domain' | 'forest';
  readonly dn: string;
}

/**
 * `Could not find account <name>`, after `FindDomainForAccount: Call to DsGetDcNameWithAccountW
 * failed with return value 0x…` (§3.2, [U] from memory). The return value tells why: 0x525
 * (ERROR_NO_SUCH_USER) means the directory has no such account; 0x54B (ERROR_NO_SUCH_DOMAIN,
 * "the specified domain either does not exist or could not be contacted") means no domain
 * controller answered — then setspn knows nothing about the account at all.
 */
export interface SetspnAccountNotFound {
  readonly kind: 'account-not-found';
  readonly account: string;
  /** The DsGetDcNameWithAccountW return value; null when setspn printed none. */
  readonly lookupError: number | null;
}

/** ERROR_NO_SUCH_DOMAIN from DsGetDcNameWithAccountW: no domain controller could be reached. */
export const noDomainControllerError = 0x54b;

/** Why setspn "could not find account", in plain words with the code it printed. */
export function describeAccountNotFound(result: SetspnAccountNotFound): string {
  if (result.lookupError === noDomainControllerError)
    return 'no domain controller could be reached (setspn: DsGetDcNameWithAccountW returned 0x54B, ERROR_NO_SUCH_DOMAIN)';
  const code =
    result.lookupError === null
      ? ''
      : ` (DsGetDcNameWithAccountW returned 0x${result.lookupError.toString(16).toUpperCase()})`;
  return `the directory has no account ${result.account}${code}`;
}

export type SetspnListResult =
  | { readonly kind: 'list'; readonly accountDn: string; readonly spns: readonly string[] }
  | SetspnAccountNotFound;

export type SetspnQueryResult =
  | {
      readonly kind: 'query';
      readonly searched: readonly SearchScope[];
      readonly found: boolean;
      readonly objects: readonly DirectoryObjectSpns[];
    }
  | SetspnAccountNotFound;

export interface DuplicateSpnGroup {
  readonly spn: string;
  readonly accountDns: readonly string[];
}

export interface SetspnDuplicatesResult {
  readonly kind: 'duplicates';
  readonly searched: readonly SearchScope[];
  /** The number setspn reports on its `found N group` line (the line to trust, §3.2). */
  readonly reportedGroupCount: number;
  readonly groups: readonly DuplicateSpnGroup[];
}

export type SetspnChangeResult =
  | {
      readonly kind: 'updated';
      readonly action: 'register' | 'unregister';
      readonly accountDn: string;
      readonly spns: readonly string[];
    }
  | { readonly kind: 'duplicate'; readonly conflicts: readonly DirectoryObjectSpns[] }
  | { readonly kind: 'access-denied'; readonly accountDn: string; readonly message: string }
  | SetspnAccountNotFound;

export class SetspnOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SetspnOutputError';
  }
}

const maxOutputChars = 1_000_000;
const maxLines = 100_000;

interface Line {
  readonly indented: boolean;
  readonly text: string;
}

function linesOf(output: string, what: string): Line[] {
  if (output.length > maxOutputChars)
    throw new SetspnOutputError(`${what} output is larger than ${maxOutputChars} characters`);
  const raw = output.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (raw.length > maxLines) throw new SetspnOutputError(`${what} output has more than ${maxLines} lines`);
  const lines: Line[] = [];
  for (const line of raw) {
    const text = line.trim();
    // A console prompt echoed in a capture ("C:\Tools>setspn -L x", "PS C:\> setspn ...").
    if (lines.length === 0 && /^(?:PS )?[A-Za-z]:[^>]*>\s*setspn/i.test(text)) continue;
    lines.push({ indented: /^[ \t]/.test(line) && text.length > 0, text });
  }
  return lines;
}

function accountNotFound(lines: readonly Line[]): SetspnAccountNotFound | null {
  for (const line of lines) {
    const match = /^Could not find account (.+)$/.exec(line.text);
    if (!match?.[1]) continue;
    const code = lines
      .map((candidate) => /failed with return value 0x([0-9a-f]{1,8})$/i.exec(candidate.text))
      .find((found) => found !== null);
    return {
      kind: 'account-not-found',
      account: match[1],
      lookupError: code?.[1] ? Number.parseInt(code[1], 16) : null,
    };
  }
  return null;
}

function searchScopes(lines: readonly Line[]): SearchScope[] {
  const scopes: SearchScope[] = [];
  for (const line of lines) {
    const match = /^Checking (domain|forest) (.+)$/.exec(line.text);
    if (match?.[1] && match[2])
      scopes.push({ scope: match[1] === 'forest' ? 'forest' : 'domain', dn: match[2] });
  }
  return scopes;
}

function firstMeaningful(lines: readonly Line[]): string {
  return lines.find((line) => line.text.length > 0)?.text.slice(0, 120) ?? '(empty)';
}

/** Unindented DN lines followed by indented SPN lines (the object blocks of -Q and -S). */
function objectBlocks(lines: readonly Line[]): DirectoryObjectSpns[] {
  const objects: { dn: string; spns: string[] }[] = [];
  for (const line of lines) {
    if (line.text.length === 0) continue;
    if (line.indented) {
      const last = objects.at(-1);
      if (!last) throw new SetspnOutputError(`indented line "${line.text.slice(0, 80)}" before any account`);
      last.spns.push(line.text);
    } else if (/^(?:CN|OU|DC)=/i.test(line.text)) {
      objects.push({ dn: line.text, spns: [] });
    }
  }
  return objects;
}

/** `setspn -L <account>` */
export function parseSetspnList(output: string): SetspnListResult {
  const lines = linesOf(output, 'setspn -L');
  const missing = accountNotFound(lines);
  if (missing !== null) return missing;
  const headerIndex = lines.findIndex((line) => /^Registered ServicePrincipalNames for .+:$/.test(line.text));
  const header = lines[headerIndex];
  if (!header)
    throw new SetspnOutputError(
      `setspn -L printed no "Registered ServicePrincipalNames for" line; it began: ${firstMeaningful(lines)}`,
    );
  const accountDn = header.text.slice('Registered ServicePrincipalNames for '.length, -1);
  const spns: string[] = [];
  for (const line of lines.slice(headerIndex + 1)) {
    if (line.text.length === 0) continue;
    if (!line.indented)
      throw new SetspnOutputError(`unexpected line after the SPN list: "${line.text.slice(0, 80)}"`);
    spns.push(line.text);
  }
  return { kind: 'list', accountDn, spns };
}

/** `setspn -Q <spn-pattern>` */
export function parseSetspnQuery(output: string): SetspnQueryResult {
  const lines = linesOf(output, 'setspn -Q');
  const missing = accountNotFound(lines);
  if (missing !== null) return missing;
  const searched = searchScopes(lines);
  const notFound = lines.some((line) => line.text === 'No such SPN found.');
  const found = lines.some((line) => line.text === 'Existing SPN found!');
  if (notFound === found)
    throw new SetspnOutputError(
      `setspn -Q output ends with neither "No such SPN found." nor "Existing SPN found!"; it began: ${firstMeaningful(lines)}`,
    );
  const objects = objectBlocks(lines);
  if (found && objects.length === 0)
    throw new SetspnOutputError('setspn -Q says "Existing SPN found!" but lists no account');
  return { kind: 'query', searched, found, objects: found ? objects : [] };
}

/** `setspn -X` (exit code 1 even on success, §3.2: never look at it). */
export function parseSetspnDuplicates(output: string): SetspnDuplicatesResult {
  const lines = linesOf(output, 'setspn -X');
  const countLine = lines
    .map((line) => /^found (\d{1,9}) groups? of duplicate SPNs\.$/i.exec(line.text))
    .find((match) => match !== null);
  if (!countLine?.[1])
    throw new SetspnOutputError(
      `setspn -X printed no "found N group of duplicate SPNs." line; it began: ${firstMeaningful(lines)}`,
    );
  const groups: { spn: string; accountDns: string[] }[] = [];
  for (const line of lines) {
    if (line.text.length === 0) continue;
    const header = / is registered on these accounts:$/.exec(line.text);
    if (header && !line.indented) {
      groups.push({ spn: line.text.slice(0, header.index), accountDns: [] });
    } else if (line.indented) {
      const last = groups.at(-1);
      if (!last)
        throw new SetspnOutputError(`indented line "${line.text.slice(0, 80)}" before any duplicate SPN`);
      last.accountDns.push(line.text);
    }
  }
  return {
    kind: 'duplicates',
    searched: searchScopes(lines),
    reportedGroupCount: Number(countLine[1]),
    groups,
  };
}

/** `setspn -S <spn> <account>` and `setspn -D <spn> <account>` */
export function parseSetspnChange(output: string): SetspnChangeResult {
  const lines = linesOf(output, 'setspn');
  const missing = accountNotFound(lines);
  if (missing !== null) return missing;
  for (const line of lines) {
    const denied = /^Failed to (?:assign|remove) SPN on account '(.+)', error (.+)$/.exec(line.text);
    if (denied?.[1] && denied[2]) return { kind: 'access-denied', accountDn: denied[1], message: denied[2] };
  }
  if (lines.some((line) => line.text === 'Duplicate SPN found, aborting operation!')) {
    return { kind: 'duplicate', conflicts: objectBlocks(lines) };
  }
  const headerIndex = lines.findIndex((line) =>
    /^(?:Registering|Unregistering) ServicePrincipalNames for .+$/.test(line.text),
  );
  const header = lines[headerIndex];
  if (!header || !lines.some((line) => line.text === 'Updated object')) {
    throw new SetspnOutputError(
      `setspn printed neither "Updated object" nor a known error; it began: ${firstMeaningful(lines)}`,
    );
  }
  const action = header.text.startsWith('Unregistering') ? 'unregister' : 'register';
  const accountDn = header.text.replace(/^(?:Registering|Unregistering) ServicePrincipalNames for /, '');
  const spns: string[] = [];
  for (const line of lines.slice(headerIndex + 1)) {
    if (line.indented) spns.push(line.text);
    else if (line.text.length > 0) break;
  }
  return { kind: 'updated', action, accountDn, spns };
}
