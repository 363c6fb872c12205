/**
 * Remedy `firefox.trust-host` for browser-not-configured (reference §2.5): add the host to
 * `network.negotiate-auth.trusted-uris` in the user.js of the profile Firefox starts with, so
 * Firefox signs in with Windows to it. user.js is read at start-up and wins over prefs.js;
 * Firefox rewrites its files when it exits, so the change is refused while Firefox is open.
 * A Firefox policy list refuses it only when the policy locks the pref (`Locked` absent or 1,
 * firefox-auth-settings.ts); an unlocked policy list is only a default, so user.js gets that
 * list plus the host and keeps every site the policy trusts.
 * The whole previous user.js is journaled (or "there was none") and undo puts it back.
 */
import {
  firefoxDecision,
  lockedTrustedUrisPolicy,
  readFirefoxAuthSettings,
  trustedUrisPref,
} from '../../../shared/browsers/firefox-auth-settings.js';
import { trustedUrisWithHost } from '../../../shared/browsers/firefox-trusted-uris.js';
import { userJsWithPref } from '../../../shared/browsers/firefox-user-js.js';
import { browserPolicyRegistryRoots } from '../../../shared/browsers/browser-policy-paths.js';
import { formatUserPref } from '../../../shared/browsers/firefox-prefs.js';
import { readFirefoxProfile } from '../probes/firefox-profiles.js';
import { readRegistryRoots } from '../probes/read-registry-roots.js';
import { RemedyPreconditionError, type Remedy } from './remedy.js';

// A host as the trusted-uris list writes it: a DNS name or an IPv4 address, nothing that could add a second entry.
const hostPattern = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,62})(?:\.[a-z0-9](?:[a-z0-9-]{0,62}))*$/i;

export const firefoxTrustHostRemedy: Remedy = {
  id: 'firefox.trust-host',
  async plan(offer, { host }) {
    const target = offer.params['host'];
    if (typeof target !== 'string' || !hostPattern.test(target))
      throw new RemedyPreconditionError('the offer does not name a plain host name');
    const reading = await readFirefoxProfile(host);
    if (!reading.profile)
      throw new RemedyPreconditionError('the Firefox profile could not be read, so it cannot be changed');
    if (reading.running)
      throw new RemedyPreconditionError(
        'Firefox is open: close every Firefox window first, or it overwrites the change when it exits',
      );
    const { view } = await readRegistryRoots(host, browserPolicyRegistryRoots);
    const settings = readFirefoxAuthSettings(view, reading.prefs);
    const locked = lockedTrustedUrisPolicy(settings);
    if (locked)
      throw new RemedyPreconditionError(
        `a Firefox policy sets and locks the list (${locked.hive}\\${locked.keyPath}); IT has to add the host there`,
      );
    const trustedAlready = [
      { scheme: 'https', port: 443 },
      { scheme: 'http', port: 80 },
    ].every((origin) => firefoxDecision(settings, { ...origin, host: target }).allowed);
    if (trustedAlready)
      throw new RemedyPreconditionError(`Firefox already trusts ${target}; nothing to change`);
    const value = trustedUrisWithHost(settings.trustedUris, target.toLowerCase());
    const text = userJsWithPref(reading.profile.userJs, trustedUrisPref, value);
    const where = reading.profile.ref.isRelative
      ? `%APPDATA%\\Mozilla\\Firefox\\${reading.profile.ref.path.replaceAll('/', '\\')}`
      : reading.profile.ref.path;
    return {
      offerId: offer.offerId,
      remedy: 'firefox.trust-host',
      title: offer.title,
      scope: 'user',
      summary: `Let Firefox sign you in to ${target} with your Windows account: add it to the servers Firefox trusts (network.negotiate-auth.trusted-uris) in your profile "${reading.profile.name}".`,
      operations: [
        {
          op: 'firefox.writeUserJs',
          profile: reading.profile.ref,
          text,
          describe: `${where}\\user.js: ${trustedUrisPref} = "${value}"`,
        },
      ],
      exactChange: [
        `${reading.profile.userJs === null ? 'Create' : 'In'} ${where}\\user.js: ${formatUserPref(trustedUrisPref, value)}`,
      ],
      notes: [
        'Keep Firefox closed until the change is made; it reads user.js the next time it starts.',
        'Undo puts user.js back as it was. Once Firefox has started with the change it also keeps a copy in prefs.js; to remove that too, reset the setting in about:config.',
      ],
      needsElevation: false,
    };
  },
};
