/**
 * Which files a capture import reads, for folders that cannot be listed: IIS log folders are
 * often readable by administrators only. The tests run as root here, where permissions do not
 * refuse anything, so `readdir` is made to refuse folders named `locked*` with EACCES, as
 * Node reports it; everything else is the real file system.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type * as fsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CaptureInputError, collectCaptureFiles } from './capture-files.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof fsPromises>();
  return {
    ...actual,
    readdir: ((path: string, options: never) => {
      if (/[\\/]locked[^\\/]*$/.test(path))
        return Promise.reject(
          Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), { code: 'EACCES' }),
        );
      return actual.readdir(path, options);
    }) as typeof actual.readdir,
  };
});

const scratch = mkdtempSync(join(tmpdir(), 'iwa-capture-files-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function folderWith(name: string, files: Record<string, string>, lockedFolders: readonly string[]): string {
  const folder = join(scratch, name);
  mkdirSync(folder, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(folder, file), text);
  for (const locked of lockedFolders) mkdirSync(join(folder, locked));
  return folder;
}

describe('collectCaptureFiles: folders that cannot be listed', () => {
  it('are said in one line per named folder; the capture files beside them are read', async () => {
    const folder = folderWith('LogFiles', { 'u_ex261120.log': '#Fields: date\n' }, [
      'locked-W3SVC1',
      'locked-W3SVC2',
    ]);
    const collected = await collectCaptureFiles([folder]);
    expect(collected.files.map((file) => file.path)).toEqual([join(folder, 'u_ex261120.log')]);
    expect(collected.problems).toEqual([
      `cannot read the folder ${join(folder, 'locked-W3SVC1')} (EACCES) and 1 more folder under ${folder}; run as a user who may read it, or copy the logs out`,
    ]);
  });

  it('when nothing else gives a file, the refusal is the one-line error (not a crash)', async () => {
    const folder = folderWith('OnlyLocked', {}, []);
    const locked = join(folder, 'locked');
    mkdirSync(locked);
    const error = await collectCaptureFiles([locked]).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(CaptureInputError);
    expect((error as Error).message).toBe(
      `cannot read the folder ${locked} (EACCES); run as a user who may read it, or copy the logs out`,
    );
  });
});
