import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createChildProcessNegotiateClient, libraryServiceName } from './negotiate-client.js';

const kerberosInstalled = (() => {
  try {
    createRequire(import.meta.url).resolve('kerberos');
    return true;
  } catch {
    return false;
  }
})();
if (!kerberosInstalled)
  console.warn(
    '[negotiate] skipping the Kerberos client test: the optional kerberos package is not installed',
  );

describe('libraryServiceName', () => {
  it('gives GSSAPI a host-based name and SSPI the SPN itself (reference §2.4)', () => {
    expect(libraryServiceName('HTTP/web01.contoso.test', 'linux')).toBe('HTTP@web01.contoso.test');
    expect(libraryServiceName('HTTP/web05.contoso.test:8080', 'darwin')).toBe('HTTP@web05.contoso.test:8080');
    expect(libraryServiceName('HTTP/web01.contoso.test', 'win32')).toBe('HTTP/web01.contoso.test');
  });
});

describe.skipIf(!kerberosInstalled)('createChildProcessNegotiateClient', () => {
  const dir = mkdtempSync(join(tmpdir(), 'iwa-negotiate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a user without Kerberos credentials as no-credentials, from an isolated environment', async () => {
    writeFileSync(
      join(dir, 'krb5.conf'),
      '[libdefaults]\n    default_realm = NOWHERE.TEST\n    dns_lookup_kdc = false\n',
    );
    const client = createChildProcessNegotiateClient({
      env: { KRB5_CONFIG: join(dir, 'krb5.conf'), KRB5CCNAME: `FILE:${join(dir, 'no-such-cache')}` },
      callTimeoutMs: 10_000,
    });
    try {
      const started = await client.start({ spn: 'HTTP/web01.nowhere.test' });
      expect(started.ok).toBe(false);
      if (started.ok) return;
      expect(started.outcome).toBe('no-credentials');
      expect(started.message).not.toMatch(/Unspecified GSS failure/);
      expect(process.env['KRB5CCNAME']).not.toBe(`FILE:${join(dir, 'no-such-cache')}`);
    } finally {
      await client.close();
    }
  });

  it('once closed, holds nothing that keeps the process (the CLI) running', () => {
    // A fresh process (this worker has timers of its own): start, close, then list what is left.
    const script = [
      `import { createChildProcessNegotiateClient } from ${JSON.stringify(fileURLToPath(new URL('./negotiate-client.ts', import.meta.url)))};`,
      `const client = createChildProcessNegotiateClient({ env: { KRB5_CONFIG: ${JSON.stringify(join(dir, 'krb5.conf'))}, KRB5CCNAME: 'FILE:/nonexistent/cache' } });`,
      "await client.start({ spn: 'HTTP/web01.nowhere.test' });",
      'await client.close();',
      'console.log(JSON.stringify(process.getActiveResourcesInfo()));',
    ].join('\n');
    writeFileSync(join(dir, 'krb5.conf'), '[libdefaults]\n    default_realm = NOWHERE.TEST\n');
    const left = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(JSON.parse(left)).not.toContain('Timeout');
  });
});
