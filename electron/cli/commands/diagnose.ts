/**
 * `iwa-doctor diagnose <url> [--scenario <file>] [--symptom <id>] [--json]`: the same engine
 * as the app. With --scenario the simulated machine answers and the URL and symptom default
 * to the ones the scenario names.
 */
import type { Diagnosis } from '../../../shared/model/diagnosis.js';
import { targetSchema, type Target } from '../../../shared/model/target.js';
import { symptomIdSchema, symptomIds } from '../../../shared/wizard/symptoms.js';
import { diagnose } from '../../engine/diagnose.js';
import type { Host } from '../../host/host.js';
import { loadScenarioFile } from '../../host/scenario/load-scenario.js';
import { ScenarioHost } from '../../host/scenario/scenario-host.js';
import { createPowerShellHost, isWindows } from '../../host/powershell/create-powershell-host.js';
import { CliUsageError, type CliCommand } from '../cli-command.js';
import { parseArguments } from '../parse-arguments.js';
import { liveOnlyFlags, runLiveDiagnose } from './diagnose-live.js';

function renderText(result: Diagnosis): string {
  const lines = [
    `${result.target.url} on ${result.host.machine}${result.host.kind === 'scenario' ? ' (simulation)' : ''}`,
  ];
  for (const probe of result.probes.filter((run) => run.status !== 'ok'))
    lines.push(`  ! ${probe.title}: ${probe.status} (${probe.message ?? ''})`);
  if (result.findings.length === 0) lines.push('No cause found.');
  for (const finding of result.findings) {
    lines.push(
      '',
      `* ${finding.cause} (${finding.confidence}): ${finding.title}`,
      `  ${finding.explanation}`,
    );
    for (const remedy of finding.remedies)
      lines.push(
        `  fix: ${remedy.title} [${remedy.scope}]${remedy.available ? '' : ` — ${remedy.unavailableReason ?? 'not available'}`}`,
      );
  }
  for (const ruled of result.ruledOut) lines.push(`  ok: ${ruled.summary}`);
  return `${lines.join('\n')}\n`;
}

export const diagnoseCommand: CliCommand = {
  name: 'diagnose',
  usage:
    'diagnose <url> [--scenario <file>] [--symptom <id>] [--json]   find why sign-in fails\n' +
    '  diagnose <url> --live [--json] [--dns-server <ip[:port]>] [--dns-search <suffixes>] [--ca-file <pem>] [--timeout <ms>]   test sign-in to the real site as you',
  async run(args, io) {
    const parsed = parseArguments(args, {
      valued: ['scenario', 'symptom', ...liveOnlyFlags],
      switches: ['json', 'live'],
    });
    if (parsed.flags.has('live')) return runLiveDiagnose(parsed, io);
    const { positional, flags } = parsed;
    const liveOnly = liveOnlyFlags.find((name) => flags.has(name));
    if (liveOnly) throw new CliUsageError(`--${liveOnly} belongs to the live test: add --live`);
    if (positional.length > 1)
      throw new CliUsageError(`diagnose takes one URL (got ${positional.length} arguments)`);
    const scenarioFile = flags.get('scenario');
    let host: Host;
    let defaults: Target | null = null;
    if (typeof scenarioFile === 'string') {
      const scenario = await loadScenarioFile(scenarioFile);
      host = new ScenarioHost(scenario);
      defaults = scenario.target;
    } else if (isWindows()) {
      // This machine, through the fixed PowerShell primitives (docs/powershell-host.md).
      if (positional[0] === undefined)
        throw new CliUsageError(
          'diagnose needs the URL to check, e.g. diagnose https://intranet.contoso.com/',
        );
      host = createPowerShellHost();
    } else {
      throw new CliUsageError('this is not Windows: pass --scenario <file> to diagnose a simulated machine');
    }
    const symptomFlag = flags.get('symptom');
    if (symptomFlag !== undefined && !symptomIdSchema.safeParse(symptomFlag).success) {
      throw new CliUsageError(`unknown symptom "${String(symptomFlag)}" (one of: ${symptomIds.join(', ')})`);
    }
    // The scenario's answers to the wizard's questions belong to its symptom: another symptom
    // given with --symptom starts without answers (every branch is checked).
    const answers =
      symptomFlag === undefined || symptomFlag === defaults?.symptom ? defaults?.answers : undefined;
    const parsedTarget = targetSchema.safeParse({
      url: positional[0] ?? defaults?.url,
      symptom: symptomFlag ?? defaults?.symptom ?? 'check-everything',
      ...(answers ? { answers } : {}),
    });
    if (!parsedTarget.success)
      throw new CliUsageError(parsedTarget.error.issues[0]?.message ?? 'invalid target');
    try {
      const result = await diagnose(host, parsedTarget.data);
      io.stdout(flags.has('json') ? `${JSON.stringify(result, null, 2)}\n` : renderText(result));
      return 0;
    } finally {
      await host.close();
    }
  },
};
