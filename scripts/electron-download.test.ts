import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadElectronBinary } from './electron-download.js';

// Stand-ins for node_modules/electron/install.js: real processes that fail, hang or succeed.
describe('downloadElectronBinary', () => {
  let dir: string;
  const installer = async (name: string, source: string) => {
    const file = join(dir, name);
    await writeFile(file, source);
    return file;
  };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'iwa-electron-download-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('gives the reason the installer printed when the download is refused', async () => {
    const installScript = await installer(
      'refused.js',
      'console.error("Error: getaddrinfo ENOTFOUND github.com\\n    at GetAddrInfoReqWrap.onlookup"); process.exit(1);',
    );
    await expect(downloadElectronBinary({ installScript, findBinary: () => null })).resolves.toEqual({
      ok: false,
      reason: 'Error: getaddrinfo ENOTFOUND github.com',
    });
  });

  it('stops a download that does not finish in time', async () => {
    const installScript = await installer('hangs.js', 'setInterval(() => {}, 1000);');
    await expect(
      downloadElectronBinary({ installScript, timeoutMs: 200, findBinary: () => null }),
    ).resolves.toEqual({
      ok: false,
      reason: 'no complete download within 0.2 s',
    });
  });

  it('answers with the binary once the installer succeeded', async () => {
    const installScript = await installer('works.js', '');
    await expect(
      downloadElectronBinary({ installScript, findBinary: () => '/opt/electron/electron' }),
    ).resolves.toEqual({
      ok: true,
      binary: '/opt/electron/electron',
    });
    await expect(downloadElectronBinary({ installScript, findBinary: () => null })).resolves.toEqual({
      ok: false,
      reason: 'the download ended but no Electron binary is there',
    });
  });

  it('says so when the electron package itself is missing', async () => {
    await expect(downloadElectronBinary({ installScript: null })).resolves.toEqual({
      ok: false,
      reason: 'the electron package is not installed',
    });
  });
});
