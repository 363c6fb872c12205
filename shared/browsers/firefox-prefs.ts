/**
 * Reader for Firefox `prefs.js` / `user.js` (reference §2.5): lines of
 * `user_pref("name", value);` (also `pref(…)`/`lockPref(…)`/`sticky_pref(…)`), value a
 * double- or single-quoted string with JavaScript escapes, `true`/`false`, or an integer;
 * comments `//…`, `#…` and `/* … *\/`. Strict and bounded (2 MiB, 20 000 prefs); an unreadable
 * statement is a FirefoxPrefsError naming its line.
 * Firefox applies user.js over prefs.js at start-up, so user.js wins where both set a pref.
 */

export type FirefoxPrefValue = string | number | boolean;

export class FirefoxPrefsError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'FirefoxPrefsError';
  }
}

const maxLength = 2 * 1024 * 1024;
const maxPrefs = 20_000;

export function parseFirefoxPrefs(text: string): Map<string, FirefoxPrefValue> {
  if (text.length > maxLength) throw new FirefoxPrefsError('file larger than 2 MiB', 0);
  const prefs = new Map<string, FirefoxPrefValue>();
  let i = 0;
  let line = 1;
  const peek = () => text[i] ?? '';
  const fail = (message: string): never => {
    throw new FirefoxPrefsError(message, line);
  };
  const skipSpaceAndComments = () => {
    for (;;) {
      const char = peek();
      if (char === '\n') {
        line += 1;
        i += 1;
      } else if (char === ' ' || char === '\t' || char === '\r' || char === '\uFEFF') {
        i += 1;
      } else if (char === '#' || text.startsWith('//', i)) {
        while (i < text.length && text[i] !== '\n') i += 1;
      } else if (text.startsWith('/*', i)) {
        const end = text.indexOf('*/', i + 2);
        if (end === -1) fail('unterminated comment');
        for (let j = i; j < end; j += 1) if (text[j] === '\n') line += 1;
        i = end + 2;
      } else {
        return;
      }
    }
  };
  const readString = (): string => {
    const quote = peek();
    i += 1;
    let out = '';
    while (i < text.length) {
      const char = text[i] ?? '';
      if (char === quote) {
        i += 1;
        return out;
      }
      if (char === '\n') fail('newline inside a string');
      if (char === '\\') {
        const next = text[i + 1] ?? '';
        const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"', "'": "'" };
        if (next in simple) {
          out += simple[next];
          i += 2;
        } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 4), 16));
          i += 4;
        } else {
          fail(`unknown escape \\${next}`);
        }
        continue;
      }
      out += char;
      i += 1;
    }
    return fail('unterminated string');
  };
  const expect = (char: string) => {
    skipSpaceAndComments();
    if (peek() !== char) fail(`expected "${char}"`);
    i += 1;
  };
  for (;;) {
    skipSpaceAndComments();
    if (i >= text.length) break;
    const fn = /^(user_pref|pref|lockPref|sticky_pref)\s*\(/.exec(text.slice(i, i + 32));
    if (!fn) fail(`expected user_pref(…) but found ${JSON.stringify(text.slice(i, i + 20))}`);
    i += (fn?.[0] ?? '').length;
    skipSpaceAndComments();
    if (peek() !== '"' && peek() !== "'") fail('expected the pref name as a string');
    const name = readString();
    expect(',');
    skipSpaceAndComments();
    let value: FirefoxPrefValue;
    if (peek() === '"' || peek() === "'") {
      value = readString();
    } else {
      const literal = /^(true|false|-?\d{1,10})/.exec(text.slice(i, i + 12));
      if (!literal) fail(`unreadable value for ${name}`);
      const token = literal?.[1] ?? '';
      value = token === 'true' ? true : token === 'false' ? false : Number(token);
      i += token.length;
    }
    expect(')');
    expect(';');
    if (prefs.size >= maxPrefs && !prefs.has(name)) fail('more than 20000 prefs');
    prefs.set(name, value);
  }
  return prefs;
}

/** prefs.js overlaid with user.js (user.js wins), as Firefox sees them after start-up. */
export function effectiveFirefoxPrefs(
  prefsJs: string | null,
  userJs: string | null,
): Map<string, FirefoxPrefValue> {
  const merged = new Map(prefsJs === null ? [] : parseFirefoxPrefs(prefsJs));
  if (userJs !== null) for (const [name, value] of parseFirefoxPrefs(userJs)) merged.set(name, value);
  return merged;
}

/** One `user_pref` line, with the value escaped so that no input can end the string or the statement. */
export function formatUserPref(name: string, value: FirefoxPrefValue): string {
  const quote = (text: string) =>
    `"${[...text]
      .map((char) => {
        const code = char.charCodeAt(0);
        if (char === '"' || char === '\\') return `\\${char}`;
        if (code < 0x20 || code === 0x2028 || code === 0x2029)
          return `\\u${code.toString(16).padStart(4, '0')}`;
        return char;
      })
      .join('')}"`;
  const rendered = typeof value === 'string' ? quote(value) : String(value);
  return `user_pref(${quote(name)}, ${rendered});`;
}
