import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { causeCatalog, causeIds } from './cause-catalog.js';

/** The catalog is a contract with ../shared/causes.md: exactly its ids, in its order. */
describe('cause catalog', () => {
  const causesMarkdown = readFileSync(
    fileURLToPath(new URL('../../../shared/causes.md', import.meta.url)),
    'utf8',
  );
  const documentedIds = [...causesMarkdown.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((match) => match[1]);

  it('lists exactly the ids of causes.md, in order', () => {
    expect(documentedIds.length).toBeGreaterThan(20);
    expect([...causeIds]).toEqual(documentedIds);
    expect(causeCatalog.map((cause) => cause.id)).toEqual(documentedIds);
  });

  it('gives every cause the scope causes.md names first in its remedy column', () => {
    for (const row of causesMarkdown.matchAll(/^\| `([a-z0-9-]+)` \|(.*)$/gm)) {
      const [, id, rest = ''] = row;
      const remedyCell = rest.split('|').at(-3) ?? '';
      const scope = /\((user|machine|iis|domain)/.exec(remedyCell)?.[1] ?? 'none';
      const cause = causeCatalog.find((candidate) => candidate.id === id);
      expect(cause?.scope, id).toBe(scope);
    }
  });
});
