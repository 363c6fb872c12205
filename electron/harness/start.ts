/**
 * `npm run web [-- --scenario <file>] [-- --simulate]`, optionally with `--dns-server <ip[:port]>`,
 * `--dns-search <suffixes>`, `--ca-file <pem>`, `--timeout <ms>` for the live sign-in test, which runs in this Node process
 * against the real network (even in simulation mode): serves IWA Doctor to a browser on
 * 127.0.0.1 and prints exactly one line: `IWA Doctor ready at http://127.0.0.1:<port>/?token=<token>`.
 * PORT sets the port (default: a free one). On Windows, without --scenario or --simulate, the
 * engine checks this machine through the PowerShell host; elsewhere it runs in simulation
 * mode (scenario host). IWA_DOCTOR_TEST_HOOKS=1 turns on the TEST-ONLY hooks (test-hooks.ts) on
 * a simulated machine; the Playwright fixture sets it for the tests that need it, nobody else.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApiDispatcher } from '../api/api-dispatcher.js';
import { parseArguments } from '../cli/parse-arguments.js';
import { createSimulationEngine } from '../engine/create-engine.js';
import { liveTestOptionsFrom } from '../live/live-test-settings.js';
import { createMachineEngine } from '../engine/create-machine-engine.js';
import { isWindows } from '../host/powershell/create-powershell-host.js';
import { startHarness } from './harness-server.js';
import { ProbeGate } from '../engine/probe-gate.js';
import { createTestHooks, testHooksRequested, testHooksVariable } from './test-hooks.js';

function fail(message: string): never {
  process.stderr.write(`iwa-doctor web: ${message}\n`);
  process.exit(2);
}

const staticDirectory = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

try {
  const { positional, flags } = parseArguments(process.argv.slice(2), {
    valued: ['scenario', 'dns-server', 'dns-search', 'ca-file', 'timeout'],
    switches: ['simulate'],
  });
  if (positional.length > 0) fail(`unexpected argument "${positional[0]}"`);
  const portText = process.env['PORT'] ?? '0';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535)
    fail(`PORT must be a number from 0 to 65535, not "${portText}"`);
  if (!existsSync(staticDirectory)) fail('the renderer is not built: run it with `npm run web`');
  const scenario = flags.get('scenario');
  const valueOf = (name: string) =>
    typeof flags.get(name) === 'string' ? (flags.get(name) as string) : undefined;
  const liveTestOptions = await liveTestOptionsFrom({
    dnsServer: valueOf('dns-server'),
    dnsSearch: valueOf('dns-search'),
    caFile: valueOf('ca-file'),
    timeoutMs: valueOf('timeout'),
  });
  const onRealMachine = isWindows() && scenario === undefined && !flags.has('simulate');
  // TEST-ONLY (off by default): the end-to-end fixture sets the variable; never on a real machine.
  const probeGate = !onRealMachine && testHooksRequested(process.env) ? new ProbeGate() : undefined;
  if (testHooksRequested(process.env) && !probeGate)
    process.stderr.write(`iwa-doctor web: ${testHooksVariable} is ignored on a real machine\n`);
  const engine = onRealMachine
    ? createMachineEngine({ transport: 'web', liveTestOptions })
    : await createSimulationEngine({
        transport: 'web',
        ...(typeof scenario === 'string' ? { scenarioFile: scenario } : {}),
        ...(probeGate ? { probeGate } : {}),
      });
  const harness = await startHarness({
    dispatch: createApiDispatcher(
      engine,
      (error) => process.stderr.write(`iwa-doctor web: ${String(error)}\n`),
      { liveTestOptions },
    ),
    staticDirectory,
    token: randomBytes(24).toString('hex'),
    port,
    ...(probeGate ? { testHooks: createTestHooks(engine, probeGate) } : {}),
  });
  if (probeGate) process.stderr.write('iwa-doctor web: TEST-ONLY hooks are on (/test-hooks/…)\n');
  process.stdout.write(`IWA Doctor ready at ${harness.url}\n`);
  const stop = async () => {
    await harness.close();
    await engine.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
