/**
 * Addresses this person checked before, remembered per user in `recent-targets.json` beside
 * the journal (the user data folder). Newest first, one entry per URL, at most ten. A file
 * that cannot be read is treated as empty and replaced on the next write: losing this list
 * costs nothing, unlike the journal.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { targetSchema, type Target } from '../../../shared/model/target.js';

export const recentTargetsLimit = 10;

const recentTargetsFileSchema = z.object({ version: z.literal(1), targets: z.array(targetSchema).max(100) });

export class RecentTargetsStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {}

  static inDirectory(dataDirectory: string): RecentTargetsStore {
    return new RecentTargetsStore(join(dataDirectory, 'recent-targets.json'));
  }

  async list(): Promise<Target[]> {
    await this.queue.catch(() => undefined);
    return this.read();
  }

  /** Puts the target first (replacing an earlier entry for the same URL), durable when it resolves. */
  remember(target: Target): Promise<void> {
    const parsed = targetSchema.safeParse(target);
    if (!parsed.success)
      return Promise.reject(
        new Error(`not an address to remember: ${parsed.error.issues[0]?.message ?? 'invalid'}`),
      );
    const validated = parsed.data;
    const next = this.queue
      .catch(() => undefined)
      .then(async () => {
        const targets = [
          validated,
          ...(await this.read()).filter((existing) => existing.url !== validated.url),
        ].slice(0, recentTargetsLimit);
        await mkdir(dirname(this.file), { recursive: true });
        const temporary = `${this.file}.${process.pid}.tmp`;
        await writeFile(temporary, JSON.stringify({ version: 1, targets }, null, 2), {
          encoding: 'utf8',
          mode: 0o600,
        });
        await rename(temporary, this.file);
      });
    this.queue = next;
    return next;
  }

  private async read(): Promise<Target[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return [];
    }
    try {
      const parsed = recentTargetsFileSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data.targets.slice(0, recentTargetsLimit) : [];
    } catch {
      return [];
    }
  }
}
