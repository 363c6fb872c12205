import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMachineEngine } from './create-machine-engine.js';

const directories: string[] = [];
afterEach(async () => {
  await Promise.all(
    directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })),
  );
});

describe('the engine for this Windows machine', () => {
  it('is not a simulation, offers no scenarios and refuses to swap the machine for one', async () => {
    const dataDirectory = await mkdtemp(join(tmpdir(), 'iwa-machine-engine-'));
    directories.push(dataDirectory);
    const engine = createMachineEngine({ transport: 'electron', dataDirectory });
    const info = await engine.info();
    expect(info.simulation).toBe(false);
    expect(info.scenarios).toEqual([]);
    await expect(engine.loadScenario('zone-not-intranet')).rejects.toThrow(
      /only be loaded in simulation mode/,
    );
    await engine.close();
  });
});
