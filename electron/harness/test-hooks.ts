/**
 * TEST-ONLY hooks of the web harness, OFF by default. They exist so end-to-end tests can reach
 * states a person reaches only with time or with someone else's rights — deterministically,
 * without sleeps:
 * - `probes:hold`, `probes:step`, `probes:open`, `probes:waiting`: the probe gate
 *   (electron/engine/probe-gate.ts) holds each probe of a diagnosis until the test lets it go,
 *   so the running step shows its progress per probe and the "applying" step stays on screen;
 * - `directory:run-as-domain-admin`: runs one `setspn -S`/`-D` of an admin hand-off on the
 *   SIMULATED directory with a domain administrator's right to write SPNs, as if the admin had
 *   run the script, so "Check again" can show the finding gone.
 *
 * They are served only when the harness is started with IWA_DOCTOR_TEST_HOOKS=1 (the
 * Playwright fixture e2e/fixtures/web-harness.ts sets it for the tests that ask) AND the engine
 * simulates a machine; on a real Windows machine (PowerShell host) they are never created,
 * and the Electron app and the CLI never read the variable. Like the API they need the
 * per-launch token header, a POST and JSON; every body is validated.
 */
import { z } from 'zod';
import type { Engine } from '../engine/engine.js';
import type { ProbeGate } from '../engine/probe-gate.js';

export const testHooksVariable = 'IWA_DOCTOR_TEST_HOOKS';

/** True only when the variable is exactly "1". */
export function testHooksRequested(environment: NodeJS.ProcessEnv): boolean {
  return environment[testHooksVariable] === '1';
}

const empty = z.object({}).strict();

const adminCommand = z
  .object({
    // Only the commands a hand-off makes: setspn -S (add after a duplicate check) and -D (remove).
    tool: z.literal('setspn'),
    args: z.tuple([z.enum(['-S', '-D']), z.string().min(1).max(300), z.string().min(1).max(300)]),
  })
  .strict();

export type TestHookResult = { ok: true; value: unknown } | { ok: false; error: string };

export type TestHooks = (name: string, body: unknown) => Promise<TestHookResult>;

export function createTestHooks(engine: Engine, gate: ProbeGate): TestHooks {
  const hooks: Record<string, (body: unknown) => Promise<unknown> | unknown> = {
    'probes:hold': (body) => {
      empty.parse(body);
      gate.hold();
      return {};
    },
    'probes:step': (body) => {
      empty.parse(body);
      gate.step();
      return {};
    },
    'probes:open': (body) => {
      empty.parse(body);
      gate.open();
      return {};
    },
    'probes:waiting': (body) => {
      empty.parse(body);
      return { waiting: gate.waiting() };
    },
    'directory:run-as-domain-admin': async (body) => {
      const { args } = adminCommand.parse(body);
      const machine = engine.simulatedMachine();
      const directory = machine?.scenario.directory;
      if (!machine || !directory) throw new Error('no simulated directory to change');
      // The administrator's right, for this one command only; the scenario's own setting returns.
      const allowed = directory.spnWriteAllowed;
      directory.spnWriteAllowed = true;
      try {
        const run = await machine.runTool('setspn', args);
        return { exitCode: run.exitCode, stdout: run.stdout };
      } finally {
        directory.spnWriteAllowed = allowed;
      }
    },
  };
  return async (name, body) => {
    const hook = Object.hasOwn(hooks, name) ? hooks[name] : undefined;
    if (!hook) return { ok: false, error: `no test hook "${name}"` };
    try {
      return { ok: true, value: await hook(body ?? {}) };
    } catch (error) {
      const message =
        error instanceof z.ZodError
          ? `${name}: ${error.issues[0]?.path.join('.') || 'request'}: ${error.issues[0]?.message ?? 'invalid'}`
          : error instanceof Error
            ? error.message
            : String(error);
      return { ok: false, error: message };
    }
  };
}
