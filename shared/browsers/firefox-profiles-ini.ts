/**
 * Reader for Firefox `profiles.ini` (INI sections `[General]`, `[ProfileN]` with `Name=`,
 * `IsRelative=`, `Path=`, `Default=1`, and since Firefox 67 `[Install<hash>]` with
 * `Default=<path>` — the profile that installation starts with). Which profile Firefox uses:
 * the `[Install…]` default when there is exactly one installation, else the profile marked
 * `Default=1`, else the only profile. Strict and bounded: 64 KiB, 100 profiles; an unreadable
 * line is a FirefoxProfilesIniError naming it.
 * [U: format from Mozilla's profile manager behaviour as widely documented; the fixtures are
 * reconstructed, not captured.]
 */
import type { FirefoxProfileRef } from './firefox-profile-files.js';
import { firefoxProfileRefSchema } from './firefox-profile-files.js';

export interface FirefoxProfileEntry {
  readonly name: string;
  readonly profile: FirefoxProfileRef;
  readonly markedDefault: boolean;
}

export interface FirefoxProfilesIni {
  readonly profiles: readonly FirefoxProfileEntry[];
  readonly installDefaults: readonly string[];
}

export class FirefoxProfilesIniError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`profiles.ini line ${line}: ${message}`);
    this.name = 'FirefoxProfilesIniError';
  }
}

export function parseFirefoxProfilesIni(text: string): FirefoxProfilesIni {
  if (text.length > 64 * 1024) throw new FirefoxProfilesIniError('file larger than 64 KiB', 0);
  const sections: { name: string; line: number; values: Map<string, string> }[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = raw.trim();
      if (line === '' || line.startsWith(';') || line.startsWith('#')) return;
      const section = /^\[([^\]]{1,100})\]$/.exec(line);
      if (section) {
        sections.push({ name: section[1] ?? '', line: index + 1, values: new Map() });
        return;
      }
      const pair = /^([A-Za-z][A-Za-z0-9]{0,40})=(.*)$/.exec(line);
      const current = sections.at(-1);
      if (!pair || !current)
        throw new FirefoxProfilesIniError(
          `expected key=value inside a section, found ${JSON.stringify(line.slice(0, 40))}`,
          index + 1,
        );
      current.values.set(pair[1]?.toLowerCase() ?? '', pair[2] ?? '');
    });
  const profiles: FirefoxProfileEntry[] = [];
  const installDefaults: string[] = [];
  for (const section of sections) {
    if (/^Install/i.test(section.name)) {
      const path = section.values.get('default');
      if (path) installDefaults.push(path);
      continue;
    }
    if (!/^Profile\d+$/i.test(section.name)) continue;
    if (profiles.length >= 100) throw new FirefoxProfilesIniError('more than 100 profiles', section.line);
    const parsed = firefoxProfileRefSchema.safeParse({
      path: section.values.get('path') ?? '',
      isRelative: section.values.get('isrelative') !== '0',
    });
    if (!parsed.success)
      throw new FirefoxProfilesIniError(
        `[${section.name}] has no usable Path (${parsed.error.issues[0]?.message ?? 'invalid'})`,
        section.line,
      );
    profiles.push({
      name: section.values.get('name') ?? section.name,
      profile: parsed.data,
      markedDefault: section.values.get('default') === '1',
    });
  }
  return { profiles, installDefaults };
}

/** The profile Firefox starts with, or null when profiles.ini names none. */
export function firefoxStartupProfile(ini: FirefoxProfilesIni): FirefoxProfileEntry | null {
  const samePath = (a: string, b: string) =>
    a.replaceAll('\\', '/').toLowerCase() === b.replaceAll('\\', '/').toLowerCase();
  if (ini.installDefaults.length === 1) {
    const installDefault = ini.installDefaults[0] ?? '';
    const match = ini.profiles.find((entry) => samePath(entry.profile.path, installDefault));
    if (match) return match;
  }
  return (
    ini.profiles.find((entry) => entry.markedDefault) ??
    (ini.profiles.length === 1 ? (ini.profiles[0] ?? null) : null)
  );
}
