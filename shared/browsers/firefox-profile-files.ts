/**
 * The Firefox files IWA Doctor reads and the one it writes, for the logged-on user (reference
 * §2.5): `%APPDATA%\Mozilla\Firefox\profiles.ini`, and `prefs.js` / `user.js` in the profile
 * directory profiles.ini names. A profile is named exactly as profiles.ini names it
 * (`Path=` with `IsRelative=`), and checked so that it can only ever point into a profile
 * directory: no `..` segment, no control character, relative paths stay relative.
 */
import { z } from 'zod';

const noDotDot = (path: string) => !path.split(/[\\/]/).some((segment) => segment === '..');
const noControlOrWildcard = (path: string) =>
  [...path].every((char) => char.charCodeAt(0) >= 0x20 && !'"*?<>|'.includes(char));

export const firefoxProfileRefSchema = z
  .object({
    path: z
      .string()
      .min(1)
      .max(260)
      .refine(noControlOrWildcard, 'a profile path has no control characters or "*?<>|')
      .refine(noDotDot, 'a profile path has no ".." segment'),
    isRelative: z.boolean(),
  })
  .strict()
  .refine(
    (profile) => !profile.isRelative || !/^([a-z]:|[\\/])/i.test(profile.path),
    'a relative profile path does not start at a drive or root',
  );
export type FirefoxProfileRef = z.infer<typeof firefoxProfileRefSchema>;

/** What one read of the Firefox files gives. */
export interface FirefoxFilesRead {
  /** profiles.ini, or null when Firefox has never run for this user (not installed for them). */
  readonly profilesIni: string | null;
  /** Whether Firefox runs in this Windows session now (it rewrites prefs.js when it exits). */
  readonly running: boolean;
  /** prefs.js and user.js of the profile asked for (null: that file does not exist, or no profile was asked for). */
  readonly prefsJs: string | null;
  readonly userJs: string | null;
}

/** Largest prefs.js / user.js the host returns (Firefox's own files are far smaller). */
export const maxFirefoxFileLength = 2 * 1024 * 1024;
