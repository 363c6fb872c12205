/**
 * Applies a change plan and undoes it, generically. Order of work is the contract:
 * 1. read the previous state of everything the plan touches;
 * 2. write the journal entry (state "pending") with that state — before any change;
 * 3. perform the operations; on failure, restore what was done and mark the entry "failed";
 * 4. mark it "applied".
 * Undo first checks that everything is still as the remedy left it (otherwise it changes
 * nothing and says what differs), then restores the previous state exactly, including
 * "the value did not exist" and keys the remedy created.
 */
import { randomUUID } from 'node:crypto';
import {
  formatRegistryKey,
  formatRegistryData,
  sameRegistryValue,
  type RegistryKeyRef,
  type RegistryValue,
} from '../../../shared/host/registry.js';
import type { FirefoxProfileRef } from '../../../shared/browsers/firefox-profile-files.js';
import type { ToolInvocation } from '../../../shared/host/allowed-tools.js';
import type { ChangeOperation, ChangePlan, PreviousState } from '../../../shared/model/change-plan.js';
import type { JournalEntry, JournaledOperation } from '../../../shared/model/journal.js';
import type { SymptomId } from '../../../shared/wizard/symptoms.js';
import { HostError, type Host } from '../../host/host.js';
import type { JournalStore } from '../journal/journal-store.js';
import { RemedyPreconditionError } from './remedy.js';
import { assertAsPlanned, assertAsTheFixLeft, readToolSubject } from './tool-subject-state.js';
import { isToolPreviousState } from '../../../shared/model/tool-subject.js';

async function readValue(host: Host, key: RegistryKeyRef, name: string): Promise<RegistryValue | null> {
  const node = await host.readRegistryTree(key, 0);
  return node?.values.find((entry) => entry.name.toLowerCase() === name.toLowerCase())?.value ?? null;
}

async function missingKeys(host: Host, key: RegistryKeyRef): Promise<RegistryKeyRef[]> {
  const segments = key.path.split('\\');
  const missing: RegistryKeyRef[] = [];
  for (let length = segments.length; length > 0; length--) {
    const candidate = { hive: key.hive, path: segments.slice(0, length).join('\\') };
    if ((await host.readRegistryTree(candidate, 0)) !== null) break;
    missing.push(candidate);
  }
  return missing;
}

/** The current user.js of a profile (the state a Firefox operation changes). */
async function readUserJs(host: Host, profile: FirefoxProfileRef): Promise<string | null> {
  if (!host.readFirefoxFiles) throw new HostError('this machine cannot read Firefox files', 'not-supported');
  return (await host.readFirefoxFiles(profile)).userJs;
}

async function writeUserJs(host: Host, profile: FirefoxProfileRef, text: string | null): Promise<void> {
  if (!host.writeFirefoxUserJs)
    throw new HostError('this machine cannot write Firefox files', 'not-supported');
  await host.writeFirefoxUserJs(profile, text);
}

async function previousStateOf(host: Host, operation: ChangeOperation): Promise<PreviousState | null> {
  // A tool operation's previous state is its subject's (IIS values, SPN holders), read now.
  if (operation.op === 'tool.run') return operation.subject ? readToolSubject(host, operation.subject) : null;
  if (operation.op === 'firefox.writeUserJs') return { fileText: await readUserJs(host, operation.profile) };
  return {
    keysCreated: await missingKeys(host, operation.key),
    value: await readValue(host, operation.key, operation.name),
  };
}

async function runTool(host: Host, invocation: ToolInvocation): Promise<void> {
  const result = await host.runTool(invocation.tool, invocation.args);
  if (result.outcome !== 'succeeded') {
    const said = (result.stderr.trim() || result.stdout.trim() || result.reason || '').split('\n')[0] ?? '';
    throw new HostError(
      `${invocation.tool} ${invocation.args.join(' ')} ${result.outcome === 'failed' ? `failed (exit ${result.exitCode})` : 'could not run'}: ${said}`,
      'failed',
    );
  }
}

async function perform(host: Host, operation: ChangeOperation): Promise<void> {
  switch (operation.op) {
    case 'registry.setValue':
      return host.setRegistryValue(operation.key, operation.name, operation.value);
    case 'registry.deleteValue':
      return host.deleteRegistryValue(operation.key, operation.name);
    case 'tool.run':
      return runTool(host, operation.run);
    case 'firefox.writeUserJs':
      return writeUserJs(host, operation.profile, operation.text);
  }
}

async function restore(host: Host, { operation, previous }: JournaledOperation): Promise<void> {
  if (operation.op === 'tool.run') {
    if (operation.undo) await runTool(host, operation.undo);
    return;
  }
  if (operation.op === 'firefox.writeUserJs') {
    if (!previous || !('fileText' in previous))
      throw new HostError('the journal entry has no previous user.js for a Firefox change', 'failed');
    return writeUserJs(host, operation.profile, previous.fileText);
  }
  if (!previous || !('keysCreated' in previous))
    throw new HostError('the journal entry has no previous state for a registry change', 'failed');
  if (previous.value === null) await host.deleteRegistryValue(operation.key, operation.name);
  else await host.setRegistryValue(operation.key, operation.name, previous.value);
  for (const key of previous.keysCreated) await host.deleteEmptyRegistryKey(key);
}

/** Machine, IIS and domain fixes run through one elevated host (one UAC prompt per fix). */
async function hostFor(host: Host, needsElevation: boolean): Promise<Host> {
  if (!needsElevation) return host;
  if (!host.elevated)
    throw new HostError(
      'this fix needs administrator rights, which cannot be requested here',
      'elevation-refused',
    );
  return host.elevated();
}

function describeValue(value: RegistryValue | null): string {
  return value === null ? 'absent' : `${value.type} ${formatRegistryData(value)}`;
}

export interface ApplyContext {
  readonly host: Host;
  readonly journal: JournalStore;
  readonly targetUrl: string;
  /** The symptom of the diagnosis the fix came from (re-checks after undo use it). */
  readonly targetSymptom?: SymptomId;
  /** The answers of that diagnosis (they chose its checks). */
  readonly targetAnswers?: Readonly<Record<string, string>>;
  /** Which machine the change is made on ("scenario:<id>" or the computer name). */
  readonly machine: string;
}

export async function applyPlan(plan: ChangePlan, context: ApplyContext): Promise<JournalEntry> {
  const { journal } = context;
  // Elevate first: if the person refuses UAC, nothing is journaled and nothing changes.
  const host = await hostFor(context.host, plan.needsElevation);
  const operations: JournaledOperation[] = [];
  for (const operation of plan.operations)
    operations.push({ operation, previous: await previousStateOf(host, operation) });
  // The undo calls were computed from what the preview read: refuse if that changed since.
  for (const { operation, previous } of operations)
    if (operation.op === 'tool.run' && operation.subject && isToolPreviousState(previous))
      assertAsPlanned(operation.subject, previous);
  let entry: JournalEntry = {
    id: randomUUID(),
    remedy: plan.remedy,
    title: plan.title,
    scope: plan.scope,
    targetUrl: context.targetUrl,
    ...(context.targetSymptom ? { targetSymptom: context.targetSymptom } : {}),
    ...(context.targetAnswers ? { targetAnswers: { ...context.targetAnswers } } : {}),
    machine: context.machine,
    exactChange: plan.exactChange,
    needsElevation: plan.needsElevation,
    ...(plan.restartRequired ? { restartRequired: plan.restartRequired } : {}),
    operations,
    state: 'pending',
    createdAt: new Date().toISOString(),
  };
  await journal.put(entry);

  const done: JournaledOperation[] = [];
  try {
    for (const journaled of operations) {
      await perform(host, journaled.operation);
      done.push(journaled);
    }
  } catch (error) {
    for (const journaled of done.reverse()) await restore(host, journaled).catch(() => undefined);
    entry = { ...entry, state: 'failed', error: error instanceof Error ? error.message : String(error) };
    await journal.put(entry);
    throw error;
  }
  entry = { ...entry, state: 'applied', appliedAt: new Date().toISOString() };
  await journal.put(entry);
  return entry;
}

export interface UndoContext {
  readonly host: Host;
  readonly journal: JournalStore;
  readonly machine: string;
}

export async function undoEntry(entry: JournalEntry, context: UndoContext): Promise<JournalEntry> {
  const { journal } = context;
  if (entry.state !== 'applied')
    throw new RemedyPreconditionError(`this change is ${entry.state}, so there is nothing to undo`);
  if (entry.machine !== context.machine) {
    throw new RemedyPreconditionError(`this change was made on ${entry.machine}, not on ${context.machine}`);
  }
  const irreversible = entry.operations.find(
    ({ operation }) => operation.op === 'tool.run' && operation.undo === null,
  );
  if (irreversible?.operation.op === 'tool.run') {
    throw new RemedyPreconditionError(
      `this change cannot be undone (${irreversible.operation.describe}); nothing was changed`,
    );
  }
  const host = await hostFor(context.host, entry.needsElevation);
  // Check everything before touching anything: undo either restores all or changes nothing.
  // Tool changes (appcmd, setspn) are re-read too: the section's values, the SPN's holders.
  await assertAsTheFixLeft(host, entry.operations);
  for (const { operation } of entry.operations) {
    if (operation.op === 'tool.run') continue;
    if (operation.op === 'firefox.writeUserJs') {
      if ((await readUserJs(host, operation.profile)) !== operation.text) {
        throw new RemedyPreconditionError(
          `Firefox's user.js (${operation.profile.path}) was changed after the fix; nothing was undone`,
        );
      }
      continue;
    }
    const now = await readValue(host, operation.key, operation.name);
    const expected = operation.op === 'registry.setValue' ? operation.value : null;
    if (!sameRegistryValue(now, expected)) {
      throw new RemedyPreconditionError(
        `${formatRegistryKey(operation.key)} "${operation.name}" was changed after the fix (now ${describeValue(now)}, expected ${describeValue(expected)}); nothing was undone`,
      );
    }
  }
  for (const journaled of [...entry.operations].reverse()) await restore(host, journaled);
  const undone: JournalEntry = { ...entry, state: 'undone', undoneAt: new Date().toISOString() };
  await journal.put(undone);
  return undone;
}
