import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Resolver } from 'node:dns/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labMaySkip, labPackagesMissing, startLab, type Lab } from './lab.js';
import { suiteResource } from './suite-resource.js';
import { findExecutable } from './find-executable.js';
import { processesReferencing } from './lab-processes.js';
import { runBounded } from './run-bounded.js';
import { tinyHeaderFieldLimit } from './lab-sites.js';

const missing = [...labPackagesMissing(), ...(findExecutable('curl') ? [] : ['curl (curl)'])];
if (missing.length > 0)
  console.warn(`[lab] skipping Apache/dnsmasq lab tests, missing: ${missing.join(', ')}`);

interface CurlAnswer {
  status: number;
  offers: string[];
}

/** What the MIT GSSAPI client in curl sees, as an independent check of each lab site. */
async function curlNegotiate(lab: Lab, url: string, host: string, port: number): Promise<CurlAnswer> {
  const certificate = join(lab.kdc.dir, 'lab-ca.pem');
  await writeFile(certificate, lab.certificatePem);
  const { stdout } = await runBounded(
    findExecutable('curl') as string,
    [
      '-sS',
      '-o',
      '/dev/null',
      '-D',
      '-',
      '--max-time',
      '10',
      '--cacert',
      certificate,
      '--negotiate',
      '-u',
      ':',
      '--resolve',
      `${host}:${port}:127.0.0.1`,
      url,
    ],
    { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...lab.clientEnv } },
  );
  const lines = stdout.split('\r\n');
  const statuses = lines.filter((line) => line.startsWith('HTTP/')).map((line) => Number(line.split(' ')[1]));
  const lastStatus = statuses.at(-1) ?? 0;
  const offers = lines
    .filter((line) => /^www-authenticate:/i.test(line))
    .map((line) => line.replace(/^[^:]+:\s*/, '').split(' ')[0] ?? '');
  return { status: lastStatus, offers };
}

describe.skipIf(labMaySkip(missing))('live sign-in lab (KDC + Apache mod_auth_gssapi + dnsmasq)', () => {
  let lab: Lab;
  // Kept so that a setup that times out while the lab is still starting stops it afterwards.
  const suiteLab = suiteResource(startLab);
  beforeAll(async () => {
    lab = await suiteLab.start();
  }, 60_000);
  afterAll(() => suiteLab.stop(), 90_000);

  it('serves each case the way it is meant to fail', async () => {
    const answer = (id: keyof Lab['sites']): Promise<CurlAnswer> => {
      const site = lab.sites[id];
      return curlNegotiate(lab, site.url, site.host, site.port);
    };
    expect(await answer('good')).toEqual({ status: 200, offers: ['Negotiate'] }); // mutual-auth token on the 200
    expect((await answer('spn-missing')).status).toBe(401);
    expect((await answer('stale-key')).status).toBe(401);
    expect((await answer('port-in-spn')).status).toBe(401);
    expect((await answer('header-too-large')).status).toBe(400);
    expect(await answer('ntlm-only')).toEqual({ status: 401, offers: ['NTLM'] });
    expect(await answer('anonymous')).toEqual({ status: 200, offers: [] });
    expect(await answer('https-good')).toEqual({ status: 200, offers: ['Negotiate'] });
    // curl asks for the SPN of the name it is given: the full names of the short-name sites are registered.
    const full = async (id: 'short-name' | 'short-alias'): Promise<CurlAnswer> => {
      const site = lab.sites[id];
      const name = site.dnsName as string;
      return curlNegotiate(lab, `http://${name}:${site.port}/`, name, site.port);
    };
    expect((await full('short-name')).status).toBe(200);
    expect((await full('short-alias')).status).toBe(200);
    expect(await answer('redirect')).toEqual({ status: 302, offers: [] });
    expect(tinyHeaderFieldLimit).toBeLessThan(1000);
    const log = await lab.apacheErrorLog();
    expect(log).toMatch(/kvno 3 not found in keytab/);
  });

  it('answers the lab names from its own DNS server, with the CNAME alias', async () => {
    const resolver = new Resolver({ timeout: 1000, tries: 1 });
    resolver.setServers([lab.dnsServer]);
    expect(await resolver.resolveCname('web.contoso.test')).toEqual(['srv01.contoso.test']);
    expect(await resolver.resolve4('srv01.contoso.test')).toEqual(['127.0.0.1']);
    expect(await resolver.resolve4('web01.contoso.test')).toEqual(['127.0.0.1']);
    // The short names exist only under the search suffix.
    expect(await resolver.resolve4('web10.contoso.test')).toEqual(['127.0.0.1']);
    expect(await resolver.resolveCname('intranet.contoso.test')).toEqual(['srv01.contoso.test']);
    await expect(resolver.resolve4('web10')).rejects.toMatchObject({ code: expect.any(String) });
    await expect(resolver.resolve4('nowhere.contoso.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('registers the SPN forms each case needs', () => {
    expect(lab.sites['good'].registeredSpn).toBe('HTTP/web01.contoso.test');
    expect(lab.sites['cname-alias'].registeredSpn).toBe('HTTP/web.contoso.test');
    expect(lab.sites['port-in-spn'].registeredSpn).toBe(
      `HTTP/web05.contoso.test:${lab.sites['port-in-spn'].port}`,
    );
    expect(lab.sites['spn-missing'].registeredSpn).toBeUndefined();
    expect(lab.sites['short-name'].registeredSpn).toBe('HTTP/web10.contoso.test');
    expect(lab.sites['short-alias'].registeredSpn).toBe('HTTP/intranet.contoso.test');
  });

  it('has a KDC that never answers, for the time limits', async () => {
    const seen = lab.silentKdc.requestsSeen();
    const kvno = runBounded(findExecutable('kvno') as string, ['HTTP/web01.contoso.test'], {
      env: lab.silentKdcEnv,
      timeoutMs: 2_000,
    });
    await expect(kvno).rejects.toThrow(/timed out after 2000 ms/);
    expect(lab.silentKdc.requestsSeen()).toBeGreaterThan(seen);
  });

  it('stops every daemon and removes its directories', async () => {
    const dirs = [...lab.dirs];
    expect(dirs.flatMap(processesReferencing).length).toBeGreaterThanOrEqual(3);
    await lab.stop();
    expect(dirs.flatMap(processesReferencing)).toEqual([]);
    for (const dir of dirs) expect(existsSync(dir)).toBe(false);
  });
});
