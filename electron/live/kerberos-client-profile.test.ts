import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKerberosClientProfile } from './kerberos-client-profile.js';

describe('createKerberosClientProfile', () => {
  it("puts an overlay without DNS canonicalisation in front of the user's configuration", () => {
    const profile = createKerberosClientProfile('linux');
    try {
      const own = profile.profileEnv({ KRB5_CONFIG: '/home/alice/krb5.conf' });
      const [overlay, ...rest] = (own['KRB5_CONFIG'] as string).split(':');
      expect(rest).toEqual(['/home/alice/krb5.conf']);
      expect(readFileSync(overlay as string, 'utf8')).toMatch(
        /\[libdefaults\]\n\s+dns_canonicalize_hostname = false\n\s+rdns = false\n/,
      );
      // Without KRB5_CONFIG, MIT's default file is kept behind the overlay.
      expect(profile.profileEnv({})['KRB5_CONFIG']).toBe(`${overlay}:/etc/krb5.conf`);
      const { env, traceFile } = profile.requestEnv({});
      expect(env['KRB5_TRACE']).toBe(traceFile);
      writeFileSync(traceFile as string, 'trace text');
      expect(profile.readTrace(traceFile)).toBe('trace text');
      expect(existsSync(traceFile as string)).toBe(false);
      expect(profile.readTrace(traceFile)).toBeNull();
      profile.dispose();
      expect(existsSync(dirname(overlay as string))).toBe(false);
    } finally {
      profile.dispose();
    }
  });

  it('changes nothing for SSPI (Windows) or the macOS GSS framework', () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const profile = createKerberosClientProfile(platform);
      expect(profile.profileEnv({ KRB5_CONFIG: '/x' })).toEqual({});
      expect(profile.requestEnv({})).toEqual({ env: {}, traceFile: null });
    }
  });
});
