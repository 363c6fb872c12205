import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { labMaySkip, labPackagesMissing, startKdc, tcpAccepts, type KdcLab } from './kdc.js';
import { processesReferencing } from './lab-processes.js';
import { runBounded } from './run-bounded.js';
import { findExecutable } from './find-executable.js';
import { suiteResource } from './suite-resource.js';

const missing = labPackagesMissing();
if (missing.length > 0) console.warn(`[lab] skipping KDC lab tests, missing: ${missing.join(', ')}`);

describe('MIT KDC lab', () => {
  let lab: KdcLab | undefined;
  // Kept so that a test that times out while the KDC is still starting stops it afterwards.
  const suiteKdc = suiteResource(() => startKdc({ realm: 'CONTOSO.TEST' }));
  afterAll(() => suiteKdc.stop(), 60_000);

  it.skipIf(labMaySkip(missing))(
    'issues a TGT to a user, exports a service keytab, and leaves nothing behind on stop',
    async () => {
      lab = await suiteKdc.start();
      expect(lab.kdcPort).toBeGreaterThan(1023);
      expect(await tcpAccepts(lab.kdcPort)).toBe(true);

      await lab.addUser('alice', 'Lab-Passw0rd');
      const { keytab } = await lab.addService('HTTP/web01.contoso.test');
      const { ccache } = await lab.kinit('alice', 'Lab-Passw0rd');
      expect(ccache).toMatch(/^FILE:\//);

      const klist = findExecutable('klist') as string;
      const tickets = await runBounded(klist, ['-c', ccache], { env: lab.env });
      expect(tickets.stdout).toContain('Default principal: alice@CONTOSO.TEST');
      expect(tickets.stdout).toContain('krbtgt/CONTOSO.TEST@CONTOSO.TEST');
      const keys = await runBounded(klist, ['-k', keytab], { env: lab.env });
      expect(keys.stdout).toMatch(/^\s+2 HTTP\/web01\.contoso\.test@CONTOSO\.TEST$/m);

      await expect(lab.kinit('alice', 'not-her-password')).rejects.toThrow(/Password incorrect/);
      await expect(lab.addUser('bad name', 'x')).rejects.toThrow(/refusing kadmin word/);

      const dir = lab.dir;
      const port = lab.kdcPort;
      expect(processesReferencing(dir).length).toBeGreaterThan(0);
      await lab.stop();
      lab = undefined;
      expect(processesReferencing(dir)).toEqual([]);
      expect(await tcpAccepts(port)).toBe(false);
      expect(existsSync(dir)).toBe(false);
    },
  );
});
