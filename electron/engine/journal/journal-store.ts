/**
 * The journal on disk: one JSON file under the user data folder. Every write goes to a
 * temporary file that then replaces the journal (rename is atomic on the same volume), so a
 * crash mid-write leaves the previous journal intact. Writes are serialised.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { journalEntrySchema, type JournalEntry } from '../../../shared/model/journal.js';

const journalFileSchema = z.object({ version: z.literal(1), entries: z.array(journalEntrySchema) });

export class JournalFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JournalFileError';
  }
}

export class JournalStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {}

  static inDirectory(dataDir: string): JournalStore {
    return new JournalStore(join(dataDir, 'journal.json'));
  }

  async list(): Promise<JournalEntry[]> {
    await this.queue.catch(() => undefined);
    return this.read();
  }

  async get(id: string): Promise<JournalEntry | undefined> {
    return (await this.list()).find((entry) => entry.id === id);
  }

  /** Inserts or replaces the entry with the same id, and is durable when it resolves. */
  put(entry: JournalEntry): Promise<void> {
    const validated = journalEntrySchema.parse(entry);
    const next = this.queue
      .catch(() => undefined)
      .then(async () => {
        const entries = await this.read();
        const index = entries.findIndex((existing) => existing.id === validated.id);
        if (index >= 0) entries[index] = validated;
        else entries.push(validated);
        await mkdir(dirname(this.file), { recursive: true });
        const temporary = `${this.file}.${process.pid}.tmp`;
        await writeFile(temporary, JSON.stringify({ version: 1, entries }, null, 2), {
          encoding: 'utf8',
          mode: 0o600,
        });
        await rename(temporary, this.file);
      });
    this.queue = next;
    return next;
  }

  private async read(): Promise<JournalEntry[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new JournalFileError(`cannot read the journal ${this.file}: ${(error as Error).message}`);
    }
    let parsed: z.infer<typeof journalFileSchema>;
    try {
      parsed = journalFileSchema.parse(JSON.parse(text));
    } catch {
      // Never overwrite a journal we cannot read: it holds the only copy of previous states.
      throw new JournalFileError(
        `the journal ${this.file} is damaged; it was left untouched (move it away to start a new one)`,
      );
    }
    return parsed.entries;
  }
}
