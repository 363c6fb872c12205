import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChangePlan } from '../../../shared/model/change-plan.js';
import type { RegistryKeyRef, RegistryTreeNode, RegistryValue } from '../../../shared/host/registry.js';
import type { ScenarioHost } from '../../host/scenario/scenario-host.js';
import { simulatedTools } from '../../host/scenario/simulated-tools.js';
import {
  contosoWorkstation,
  scenarioEnvelope,
  scenarioHostOf,
} from '../../host/scenario/testing/contoso-test-scenario.js';
import { JournalStore } from '../journal/journal-store.js';
import { applyPlan, undoEntry } from './remedy-runner.js';

const zoneMap = 'Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\ZoneMap';
const domains: RegistryKeyRef = { hive: 'HKCU', path: `${zoneMap}\\Domains` };

function scenarioHost(values: Record<string, unknown> = {}): ScenarioHost {
  return scenarioHostOf({
    ...scenarioEnvelope('runner-test'),
    target: { url: 'https://intranet.contoso.com/', symptom: 'check-everything' },
    machine: contosoWorkstation(),
    registry: [{ key: `HKCU\\${zoneMap}\\Domains`, values }],
  });
}

function plan(operations: ChangePlan['operations']): ChangePlan {
  return {
    offerId: 'o',
    remedy: 'zone.add-to-intranet',
    title: 'Add to Local intranet',
    scope: 'user',
    summary: '',
    operations,
    exactChange: ['x'],
    notes: [],
    needsElevation: false,
  };
}

interface SeenAtWrite {
  /** journal.json as it was on disk when the host was asked to write. */
  readonly journalOnDisk: { entries: { id: string; state: string; operations: { previous: unknown }[] }[] };
  /** The value the write was about to replace, read from the host at that moment. */
  readonly valueBefore: RegistryValue | null;
}

/** Wraps the host's registry write: before each write, records what the journal file holds. */
function observeWrites(host: ScenarioHost, journalFile: string): SeenAtWrite[] {
  const seen: SeenAtWrite[] = [];
  const write = host.setRegistryValue.bind(host);
  vi.spyOn(host, 'setRegistryValue').mockImplementation(async (key, name, value) => {
    const node = await host.readRegistryTree(key, 0);
    seen.push({
      journalOnDisk: JSON.parse(await readFile(journalFile, 'utf8')) as SeenAtWrite['journalOnDisk'],
      valueBefore: node?.values.find((entry) => entry.name === name)?.value ?? null,
    });
    return write(key, name, value);
  });
  return seen;
}

async function snapshot(host: ScenarioHost): Promise<RegistryTreeNode | null> {
  return host.readRegistryTree({ hive: 'HKCU', path: 'Software' }, 20);
}

describe('remedy runner', () => {
  let dir: string;
  let journal: JournalStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'iwa-journal-'));
    journal = JournalStore.inDirectory(dir);
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('journals the previous state before changing anything, and undo restores it exactly (value and keys did not exist)', async () => {
    const host = scenarioHost();
    const before = await snapshot(host);
    const key: RegistryKeyRef = { hive: 'HKCU', path: `${domains.path}\\contoso.com\\intranet` };
    const seenAtWrite = observeWrites(host, join(dir, 'journal.json'));
    const entry = await applyPlan(
      plan([{ op: 'registry.setValue', key, name: 'https', value: { type: 'REG_DWORD', data: 1 } }]),
      {
        host,
        journal,
        targetUrl: 'https://intranet.contoso.com/',
        machine: 'scenario:runner-test',
      },
    );
    expect(entry.state).toBe('applied');
    expect(entry.operations[0]?.previous).toEqual({
      value: null,
      keysCreated: [key, { hive: 'HKCU', path: `${domains.path}\\contoso.com` }],
    });
    // At the moment of the one write, the file on disk already held the pending entry with the
    // previous state, and the value was still absent.
    expect(seenAtWrite).toEqual([
      {
        journalOnDisk: expect.objectContaining({
          entries: [
            expect.objectContaining({
              id: entry.id,
              state: 'pending',
              operations: [expect.objectContaining({ previous: entry.operations[0]?.previous })],
            }),
          ],
        }),
        valueBefore: null,
      },
    ]);
    expect((await host.readRegistryTree(key, 0))?.values).toEqual([
      { name: 'https', value: { type: 'REG_DWORD', data: 1 } },
    ]);

    const undone = await undoEntry(entry, { host, journal, machine: 'scenario:runner-test' });
    expect(undone.state).toBe('undone');
    expect(await snapshot(host)).toEqual(before);
    const persisted = JSON.parse(await readFile(join(dir, 'journal.json'), 'utf8')) as {
      entries: { state: string }[];
    };
    expect(persisted.entries.map((item) => item.state)).toEqual(['undone']);
  });

  it('restores an overwritten value with its type and data', async () => {
    const host = scenarioHost({ '*': { type: 'REG_DWORD', data: 3 } });
    const before = await snapshot(host);
    const seenAtWrite = observeWrites(host, join(dir, 'journal.json'));
    const entry = await applyPlan(
      plan([{ op: 'registry.setValue', key: domains, name: '*', value: { type: 'REG_DWORD', data: 1 } }]),
      {
        host,
        journal,
        targetUrl: 'u',
        machine: 'm',
      },
    );
    expect(entry.operations[0]?.previous).toEqual({ value: { type: 'REG_DWORD', data: 3 }, keysCreated: [] });
    // The journal held the old data (3) on disk before the write replaced it.
    expect(seenAtWrite).toHaveLength(1);
    expect(seenAtWrite[0]?.valueBefore).toEqual({ type: 'REG_DWORD', data: 3 });
    expect(seenAtWrite[0]?.journalOnDisk.entries).toEqual([
      expect.objectContaining({
        state: 'pending',
        operations: [
          expect.objectContaining({ previous: { value: { type: 'REG_DWORD', data: 3 }, keysCreated: [] } }),
        ],
      }),
    ]);
    await undoEntry(entry, { host, journal, machine: 'm' });
    expect(await snapshot(host)).toEqual(before);
  });

  it('refuses to undo, changing nothing, when the value was changed after the fix', async () => {
    const host = scenarioHost();
    const entry = await applyPlan(
      plan([{ op: 'registry.setValue', key: domains, name: 'http', value: { type: 'REG_DWORD', data: 1 } }]),
      {
        host,
        journal,
        targetUrl: 'u',
        machine: 'm',
      },
    );
    await host.setRegistryValue(domains, 'http', { type: 'REG_DWORD', data: 2 });
    const changed = await snapshot(host);
    await expect(undoEntry(entry, { host, journal, machine: 'm' })).rejects.toThrow(
      /was changed after the fix.*nothing was undone/,
    );
    expect(await snapshot(host)).toEqual(changed);
    expect((await journal.get(entry.id))?.state).toBe('applied');
  });

  it('refuses to undo on another machine, and twice', async () => {
    const host = scenarioHost();
    const entry = await applyPlan(
      plan([{ op: 'registry.setValue', key: domains, name: 'http', value: { type: 'REG_DWORD', data: 1 } }]),
      {
        host,
        journal,
        targetUrl: 'u',
        machine: 'm',
      },
    );
    await expect(undoEntry(entry, { host, journal, machine: 'other' })).rejects.toThrow(
      /made on m, not on other/,
    );
    const undone = await undoEntry(entry, { host, journal, machine: 'm' });
    await expect(undoEntry(undone, { host, journal, machine: 'm' })).rejects.toThrow(
      /undone, so there is nothing to undo/,
    );
  });

  it('rolls back and marks the entry failed when an operation is refused half-way', async () => {
    const host = scenarioHost();
    const before = await snapshot(host);
    const hklm: RegistryKeyRef = { hive: 'HKLM', path: `${zoneMap}\\Domains\\contoso.com` };
    await expect(
      applyPlan(
        plan([
          { op: 'registry.setValue', key: domains, name: 'http', value: { type: 'REG_DWORD', data: 1 } },
          { op: 'registry.setValue', key: hklm, name: 'http', value: { type: 'REG_DWORD', data: 1 } },
        ]),
        { host, journal, targetUrl: 'u', machine: 'm' },
      ),
    ).rejects.toThrow(/needs administrator rights/);
    expect(await snapshot(host)).toEqual(before);
    const [entry] = await journal.list();
    expect(entry?.state).toBe('failed');
    expect(entry?.error).toMatch(/administrator/);
  });
});

describe('journal store', () => {
  it('leaves a damaged journal untouched and says so in one line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iwa-journal-'));
    try {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(join(dir, 'journal.json'), '{not json');
      const journal = JournalStore.inDirectory(dir);
      await expect(journal.list()).rejects.toThrow(/is damaged; it was left untouched/);
      await expect(
        journal.put({
          id: 'a',
          remedy: 'zone.add-to-intranet',
          title: 't',
          scope: 'user',
          targetUrl: 'u',
          machine: 'm',
          exactChange: [],
          needsElevation: false,
          operations: [],
          state: 'pending',
          createdAt: 'now',
        }),
      ).rejects.toThrow();
      expect(await readFile(join(dir, 'journal.json'), 'utf8')).toBe('{not json');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('remedy runner: tool operations and elevation', () => {
  let dir: string;
  let journal: JournalStore;
  const calls: string[] = [];
  const original = simulatedTools.w32tm;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'iwa-journal-'));
    journal = JournalStore.inDirectory(dir);
    calls.length = 0;
    // A recording stand-in for one tool, so the runner's own logic is what is tested here.
    simulatedTools.w32tm = (args) => {
      calls.push(args.join(' '));
      return args[0] === '/fail'
        ? { exitCode: 5, stdout: '', stderr: 'Access is denied.\r\n' }
        : { exitCode: 0, stdout: 'The command completed successfully.\r\n', stderr: '' };
    };
  });
  afterEach(async () => {
    simulatedTools.w32tm = original;
    await rm(dir, { recursive: true, force: true });
  });

  const toolPlan = (needsElevation: boolean, undo: { tool: 'w32tm'; args: string[] } | null): ChangePlan => ({
    ...plan([
      {
        op: 'tool.run',
        run: { tool: 'w32tm', args: ['/resync'] },
        undo,
        describe: 'resynchronise the clock',
      },
    ]),
    needsElevation,
  });

  it('runs the tool, journals its undo, and undo runs it', async () => {
    const host = scenarioHost();
    const entry = await applyPlan(toolPlan(false, { tool: 'w32tm', args: ['/undo'] }), {
      host,
      journal,
      targetUrl: 'u',
      machine: 'm',
    });
    expect(entry.operations[0]?.previous).toBeNull();
    await undoEntry(entry, { host, journal, machine: 'm' });
    expect(calls).toEqual(['/resync', '/undo']);
  });

  it('refuses to undo an irreversible change and says why, running nothing', async () => {
    const host = scenarioHost();
    const entry = await applyPlan(toolPlan(false, null), { host, journal, targetUrl: 'u', machine: 'm' });
    await expect(undoEntry(entry, { host, journal, machine: 'm' })).rejects.toThrow(
      /cannot be undone \(resynchronise the clock\)/,
    );
    expect(calls).toEqual(['/resync']);
  });

  it('a failing tool marks the entry failed with what the tool said', async () => {
    const host = scenarioHost();
    const failing: ChangePlan = {
      ...plan([{ op: 'tool.run', run: { tool: 'w32tm', args: ['/fail'] }, undo: null, describe: 'x' }]),
    };
    await expect(applyPlan(failing, { host, journal, targetUrl: 'u', machine: 'm' })).rejects.toThrow(
      /w32tm \/fail failed \(exit 5\): Access is denied/,
    );
    expect((await journal.list())[0]?.state).toBe('failed');
  });

  it('elevates once for a machine fix; a refused UAC prompt changes and journals nothing', async () => {
    const host = scenarioHost();
    const hklm: RegistryKeyRef = { hive: 'HKLM', path: 'SYSTEM\\CurrentControlSet\\Control\\Lsa\\MSV1_0' };
    const machinePlan: ChangePlan = {
      ...plan([
        {
          op: 'registry.setValue',
          key: hklm,
          name: 'BackConnectionHostNames',
          value: { type: 'REG_MULTI_SZ', data: ['web01'] },
        },
      ]),
      needsElevation: true,
    };
    const entry = await applyPlan(machinePlan, { host, journal, targetUrl: 'u', machine: 'm' });
    expect(entry.state).toBe('applied');
    expect((await host.readRegistryTree(hklm, 0))?.values[0]?.name).toBe('BackConnectionHostNames');
    await undoEntry(entry, { host, journal, machine: 'm' });
    expect(await host.readRegistryTree(hklm, 0)).toBeNull();
    // One prompt for the fix and its undo: the elevated session stays, as on Windows.
    expect(host.uacPrompts).toBe(1);

    // A new session whose prompt is declined: nothing changes, nothing is journaled.
    const declining = scenarioHost();
    declining.scenario.machine.uac = 'deny';
    await expect(
      applyPlan(machinePlan, { host: declining, journal, targetUrl: 'u', machine: 'm' }),
    ).rejects.toThrow(/UAC\) was refused/);
    expect(declining.uacPrompts).toBe(1);
    expect(await declining.readRegistryTree(hklm, 0)).toBeNull();
    expect((await journal.list()).map((item) => item.state)).toEqual(['undone']);
  });
});
