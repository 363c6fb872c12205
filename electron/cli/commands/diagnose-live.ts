/**
 * `iwa-doctor diagnose <url> --live [--json] [--dns-server <ip[:port]>] [--dns-search <suffixes>]
 * [--ca-file <pem>] [--timeout <ms>]`: the live sign-in test as the user running the command — anonymous
 * request, the SPN a browser asks for, a Negotiate token from this user's credentials, the
 * signed request, both tokens decoded — and the findings it leads to. Against the real
 * network, never a simulated machine. Exit code 0 when the test ran, whatever it found.
 */
import { liveTestResultSchema, renderLiveTestText } from '../../../shared/live/live-test-result.js';
import { targetUrlSchema } from '../../../shared/model/target.js';
import { liveTestOptionsFrom, LiveTestSettingError } from '../../live/live-test-settings.js';
import { runLiveSignInTest } from '../../live/run-live-sign-in-test.js';
import { CliUsageError, type CliIo } from '../cli-command.js';
import type { ParsedArguments } from '../parse-arguments.js';

/** Options that only make sense with --live (the scenario ones make no sense with it). */
export const liveOnlyFlags = ['dns-server', 'dns-search', 'ca-file', 'timeout'] as const;

function text(flags: ParsedArguments['flags'], name: string): string | undefined {
  const value = flags.get(name);
  return typeof value === 'string' ? value : undefined;
}

export async function runLiveDiagnose({ positional, flags }: ParsedArguments, io: CliIo): Promise<number> {
  if (flags.has('scenario') || flags.has('symptom')) {
    throw new CliUsageError(
      '--live tests the real site from this computer: leave out --scenario and --symptom',
    );
  }
  if (positional.length !== 1)
    throw new CliUsageError(
      'diagnose --live needs the URL to test, e.g. diagnose https://intranet.contoso.com/ --live',
    );
  const url = targetUrlSchema.safeParse(positional[0]);
  if (!url.success) throw new CliUsageError(url.error.issues[0]?.message ?? 'invalid URL');
  let options;
  try {
    options = await liveTestOptionsFrom({
      dnsServer: text(flags, 'dns-server'),
      dnsSearch: text(flags, 'dns-search'),
      caFile: text(flags, 'ca-file'),
      timeoutMs: text(flags, 'timeout'),
    });
  } catch (error) {
    if (error instanceof LiveTestSettingError) throw new CliUsageError(error.message);
    throw error;
  }
  // The wire form: the same schema the API channel validates, so both print the same document.
  // Tickets are asked for in a helper process: a call that hangs is killed at the time limit, so
  // the command ends then (in this process it would hold even process exit for half a minute).
  const result = liveTestResultSchema.parse(
    await runLiveSignInTest(url.data, { ...options, kerberosHelper: true }),
  );
  io.stdout(flags.has('json') ? `${JSON.stringify(result, null, 2)}\n` : renderLiveTestText(result));
  return 0;
}
