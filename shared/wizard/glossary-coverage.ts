/**
 * Which Windows terms a text uses that the glossary does not explain there. "Every Windows
 * term is explained once" (issue 7) is checked, not hoped for: tests run this over every text
 * a person reads — the cause catalog, and the finding titles and explanations, fix titles,
 * reasons a fix is not available and ruled-out lines of every scenario's diagnosis — so a new
 * rule cannot bring in a term nobody explains.
 *
 * Two nets: a list of Windows words and phrases (lower-case words like "setspn" or "loopback
 * check" look like any other word), and a shape test for what can only be a name from Windows
 * — CamelCase setting names (BackConnectionHostNames), ALL-CAPS abbreviations (SPN), UPPER_SNAKE
 * feature names and *.exe/*.sys files. A word caught by either must be marked by the glossary
 * in that text (glossary-term-marks.ts), i.e. the person sees its explanation right there.
 */
import { glossary, type GlossaryTerm } from './glossary.js';
import { markTerms } from './glossary-term-marks.js';

export interface WindowsTermPattern {
  readonly pattern: RegExp;
  /** The glossary entry that must explain it. */
  readonly glossaryId: string;
}

/**
 * A Windows word or phrase, bounded the way glossary-term-marks.ts bounds a term: not inside a
 * longer word or a dashed name (the "Kerberos" of "Microsoft-Windows-Security-Kerberos" is an
 * event source, not the term).
 */
function term(source: string, flags = ''): RegExp {
  return new RegExp(`(?<![\\w-])(?:${source})(?![\\w-])`, flags);
}

/** Windows words that look like ordinary words, with the entry that explains each. */
export const windowsTermPatterns: readonly WindowsTermPattern[] = [
  { pattern: term('Kerberos'), glossaryId: 'kerberos' },
  { pattern: term('NTLM'), glossaryId: 'ntlm' },
  { pattern: term('Negotiate'), glossaryId: 'negotiate' },
  { pattern: term('Integrated Windows Authentication', 'i'), glossaryId: 'iwa' },
  { pattern: term('SPNs?|service principal names?', 'i'), glossaryId: 'spn' },
  { pattern: term('zones?', 'i'), glossaryId: 'zone' },
  { pattern: term('tickets?', 'i'), glossaryId: 'ticket' },
  { pattern: term('app(?:lication)? pools?', 'i'), glossaryId: 'app-pool' },
  { pattern: term('kernel[- ]mode', 'i'), glossaryId: 'kernel-mode' },
  { pattern: term('Active Directory', 'i'), glossaryId: 'active-directory' },
  { pattern: term('domain controllers?', 'i'), glossaryId: 'domain-controller' },
  { pattern: term('Internet Options', 'i'), glossaryId: 'internet-options' },
  { pattern: term('registry', 'i'), glossaryId: 'registry' },
  { pattern: term('Group Policy', 'i'), glossaryId: 'gpo' },
  { pattern: term('Credential Manager', 'i'), glossaryId: 'credential-manager' },
  { pattern: term('proxy', 'i'), glossaryId: 'proxy' },
  { pattern: term('load balancers?', 'i'), glossaryId: 'load-balancer' },
  { pattern: term('Extended Protection|channel binding', 'i'), glossaryId: 'extended-protection' },
  { pattern: term('http\\.sys', 'i'), glossaryId: 'http-sys' },
  { pattern: term('local account', 'i'), glossaryId: 'local-account' },
  { pattern: term('loopback check', 'i'), glossaryId: 'loopback-check' },
  { pattern: term('pre-?authentication', 'i'), glossaryId: 'pre-authentication' },
  { pattern: term('setspn', 'i'), glossaryId: 'setspn' },
  { pattern: term('klist', 'i'), glossaryId: 'klist' },
  { pattern: term('appcmd', 'i'), glossaryId: 'appcmd' },
  { pattern: term('cmdkey', 'i'), glossaryId: 'cmdkey' },
  { pattern: term('nltest', 'i'), glossaryId: 'nltest' },
  { pattern: term('w32tm', 'i'), glossaryId: 'w32tm' },
  { pattern: term('service account', 'i'), glossaryId: 'service-account' },
  { pattern: term('computer account', 'i'), glossaryId: 'computer-account' },
  { pattern: term('encryption types?|etype', 'i'), glossaryId: 'encryption-type' },
];

/**
 * Abbreviations every web user meets outside Windows; not Windows terms, so not in the
 * glossary. HOST is the service class of an SPN (HOST/web01), read as part of the SPN.
 */
export const everydayAbbreviations: ReadonlySet<string> = new Set([
  'HTTP',
  'HTTPS',
  'TCP',
  'TLS',
  'DNS',
  'VPN',
  'URL',
  'IP',
  'IT',
  'PC',
  'OK',
  'HOST',
]);

// Not after or before \ / . = or a letter: path parts (…\ZoneMap\…), config paths
// (system.webServer/…), DN parts (CN=…) and host names (dc01.contoso.com) are not terms.
const nameShapes =
  /(?<![\\/.=\w-])(?:[A-Za-z]*[a-z][A-Z][\w-]*|[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+|[A-Z][A-Z0-9]+|[a-z0-9]+\.(?:exe|sys))(?![\\/=\w-]|\.\w)/g;

/** Words shaped like a Windows name (setting, abbreviation, feature key, program file). */
export function windowsNameShapes(text: string): string[] {
  return [...text.matchAll(nameShapes)].map((match) => match[0]).filter((word) => !/^\d/.test(word));
}

function formsOf(term: GlossaryTerm): string[] {
  return [term.term, ...(term.expansion ? [term.expansion] : []), ...(term.otherForms ?? [])];
}

/** The glossary entry written this way (plural "SPNs" included), if any. */
export function glossaryTermWritten(word: string): GlossaryTerm | undefined {
  const lower = word.toLowerCase();
  return glossary.find((term) =>
    formsOf(term).some((form) => {
      const formLower = form.toLowerCase();
      return lower === formLower || lower === `${formLower}s`;
    }),
  );
}

/**
 * The terms of `text` a person would meet unexplained, each as "<word>: <why>". `localNames`
 * are the names the text is about (computers, app pools, accounts, domains of the machine
 * checked): data, not terms.
 */
export function unexplainedTerms(text: string, localNames: ReadonlySet<string> = new Set()): string[] {
  const markedIds = new Set(
    markTerms(text, glossary).flatMap((part) => (typeof part === 'string' ? [] : [part.term.id])),
  );
  const problems: string[] = [];
  for (const { pattern, glossaryId } of windowsTermPatterns) {
    const found = pattern.exec(text);
    if (found && !markedIds.has(glossaryId))
      problems.push(`${found[0]}: the glossary entry "${glossaryId}" is missing or does not match it here`);
  }
  for (const word of new Set(windowsNameShapes(text))) {
    if (everydayAbbreviations.has(word) || localNames.has(word.toLowerCase())) continue;
    const term = glossaryTermWritten(word);
    if (!term) problems.push(`${word}: no glossary entry explains it`);
    else if (!markedIds.has(term.id)) problems.push(`${word}: "${term.id}" is not marked in this text`);
  }
  return problems;
}
