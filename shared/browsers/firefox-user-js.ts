/**
 * Setting one pref in Firefox's `user.js` (reference §2.5): Firefox reads user.js at start-up
 * and applies it over prefs.js, so a `user_pref(...)` line there is how a setting is made to
 * stick without Firefox running. Every other line is kept as it is; an existing line for the
 * same pref is replaced in place, otherwise the line is appended. The result is read back with
 * the strict prefs reader, so a file that cannot be read is refused rather than damaged.
 */
import { formatUserPref, parseFirefoxPrefs, type FirefoxPrefValue } from './firefox-prefs.js';

function linePrefName(line: string): string | null {
  try {
    const prefs = parseFirefoxPrefs(line);
    return prefs.size === 1 ? ([...prefs.keys()][0] ?? null) : null;
  } catch {
    return null;
  }
}

/** The new user.js text with `name` set to `value`. Throws FirefoxPrefsError when the existing file is unreadable. */
export function userJsWithPref(existing: string | null, name: string, value: FirefoxPrefValue): string {
  if (existing !== null) parseFirefoxPrefs(existing);
  const line = formatUserPref(name, value);
  const newline = existing?.includes('\r\n') ? '\r\n' : '\n';
  const lines = existing === null || existing === '' ? [] : existing.replace(/(\r?\n)$/, '').split(/\r?\n/);
  let replaced = false;
  const updated = lines.map((current) => {
    if (linePrefName(current) !== name) return current;
    replaced = true;
    return line;
  });
  if (!replaced) updated.push(line);
  const text = `${updated.join(newline)}${newline}`;
  if (parseFirefoxPrefs(text).get(name) !== value)
    throw new Error(`user.js would not hold ${name} after the change`);
  return text;
}
