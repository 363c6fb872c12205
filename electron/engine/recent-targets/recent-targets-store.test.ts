import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecentTargetsStore, recentTargetsLimit } from './recent-targets-store.js';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'iwa-recent-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('recent targets', () => {
  it('keeps the newest first, one per address, and survives a new store on the same folder', async () => {
    const store = RecentTargetsStore.inDirectory(directory);
    await store.remember({ url: 'https://a.contoso.com/', symptom: 'http-401' });
    await store.remember({ url: 'https://b.contoso.com/', symptom: 'http-400' });
    await store.remember({ url: 'https://a.contoso.com/', symptom: 'check-everything' });
    const reopened = RecentTargetsStore.inDirectory(directory);
    expect(await reopened.list()).toEqual([
      { url: 'https://a.contoso.com/', symptom: 'check-everything' },
      { url: 'https://b.contoso.com/', symptom: 'http-400' },
    ]);
  });

  it(`keeps at most ${recentTargetsLimit}`, async () => {
    const store = RecentTargetsStore.inDirectory(directory);
    for (let index = 0; index < recentTargetsLimit + 3; index++)
      await store.remember({ url: `https://site${index}.contoso.com/`, symptom: 'http-401' });
    const list = await store.list();
    expect(list).toHaveLength(recentTargetsLimit);
    expect(list[0]?.url).toBe(`https://site${recentTargetsLimit + 2}.contoso.com/`);
  });

  it('treats an unreadable file as empty and replaces it on the next write', async () => {
    const store = RecentTargetsStore.inDirectory(directory);
    await writeFile(store.file, '{not json');
    expect(await store.list()).toEqual([]);
    await store.remember({ url: 'https://a.contoso.com/', symptom: 'http-401' });
    expect(JSON.parse(await readFile(store.file, 'utf8'))).toMatchObject({
      version: 1,
      targets: [{ url: 'https://a.contoso.com/' }],
    });
  });

  it('refuses to remember something that is not a target', async () => {
    const store = RecentTargetsStore.inDirectory(directory);
    await expect(store.remember({ url: 'javascript:alert(1)', symptom: 'http-401' })).rejects.toThrow();
  });
});
