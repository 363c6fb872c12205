/**
 * Reads the Firefox profile that starts by default (profiles.ini, then its prefs.js and
 * user.js, reference §2.5) through the host, for the `browser:allow-lists` probe. A host that
 * cannot read files, or files that cannot be read, leave the profile part unknown — said so in
 * the raw output, never guessed.
 */
import type { FirefoxProfileRef } from '../../../shared/browsers/firefox-profile-files.js';
import { effectiveFirefoxPrefs, type FirefoxPrefValue } from '../../../shared/browsers/firefox-prefs.js';
import {
  firefoxStartupProfile,
  parseFirefoxProfilesIni,
} from '../../../shared/browsers/firefox-profiles-ini.js';
import type { RawOutput } from '../../../shared/model/evidence.js';
import type { Host } from '../../host/host.js';

export interface FirefoxProfileReading {
  /** Effective prefs of the profile (user.js over prefs.js); empty when not read. */
  readonly prefs: ReadonlyMap<string, FirefoxPrefValue>;
  /** The profile read, or null (not installed for this user, or not readable). */
  readonly profile: {
    readonly name: string;
    readonly ref: FirefoxProfileRef;
    readonly userJs: string | null;
  } | null;
  /** True when the host could look: with profile null that means Firefox has never run for this user. */
  readonly read: boolean;
  readonly running: boolean;
  readonly raw: readonly RawOutput[];
}

const notRead = (why: string): FirefoxProfileReading => ({
  prefs: new Map(),
  profile: null,
  read: false,
  running: false,
  raw: [{ label: 'Firefox profile', text: why }],
});

export async function readFirefoxProfile(host: Host): Promise<FirefoxProfileReading> {
  if (!host.readFirefoxFiles) return notRead('This host cannot read Firefox files.');
  try {
    const first = await host.readFirefoxFiles(null);
    if (first.profilesIni === null) {
      return {
        prefs: new Map(),
        profile: null,
        read: true,
        running: first.running,
        raw: [
          {
            label: '%APPDATA%\\Mozilla\\Firefox\\profiles.ini',
            text: '(none: Firefox has never run for this user)',
          },
        ],
      };
    }
    const startup = firefoxStartupProfile(parseFirefoxProfilesIni(first.profilesIni));
    const raw: RawOutput[] = [
      { label: '%APPDATA%\\Mozilla\\Firefox\\profiles.ini', text: first.profilesIni },
    ];
    if (!startup)
      return {
        prefs: new Map(),
        profile: null,
        read: false,
        running: first.running,
        raw: [
          ...raw,
          { label: 'Firefox profile', text: 'profiles.ini names no profile Firefox starts with.' },
        ],
      };
    const files = await host.readFirefoxFiles(startup.profile);
    const where = startup.profile.isRelative
      ? `%APPDATA%\\Mozilla\\Firefox\\${startup.profile.path.replaceAll('/', '\\')}`
      : startup.profile.path;
    raw.push({ label: `${where}\\user.js`, text: files.userJs ?? '(no user.js)' });
    return {
      prefs: effectiveFirefoxPrefs(files.prefsJs, files.userJs),
      profile: { name: startup.name, ref: startup.profile, userJs: files.userJs },
      read: true,
      running: files.running,
      raw,
    };
  } catch (error) {
    return notRead(
      `The Firefox profile could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
