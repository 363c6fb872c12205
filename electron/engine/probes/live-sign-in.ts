/**
 * Probe `live-sign-in`: the live sign-in test (electron/live/run-live-sign-in-test.ts) as part
 * of a diagnosis — anonymous request, the SPN a browser asks for, a Negotiate token for it, the
 * signed request and both tokens decoded. Its evidence is what the handshake diagram and the
 * live rules (shared/rules/live-sign-in.ts) read.
 *
 * On a real machine it runs in the engine's own process against the real network as the person
 * signed in there, with the engine's network settings. On a simulated machine the same test runs
 * against the scenario's DNS, KDC and web server (electron/host/scenario/sign-in/): every
 * summary then starts with "Simulated:", and the raw output holds each simulated request and
 * answer with its full headers (tokens included — reports remove them unless asked not to).
 *
 * It also measures the user's Kerberos token (`negotiate-token-size`, reference §7.2), which the
 * kerberos-token-too-large rule compares with the server's http.sys limits.
 */
import { liveProbeId } from '../../../shared/live/live-evidence.js';
import type { Evidence, RawOutput } from '../../../shared/model/evidence.js';
import '../../../shared/rules/server/server-evidence.js';
import type { SimulatedSignIn } from '../../host/scenario/sign-in/simulated-sign-in.js';
import { runLiveSignInTest } from '../../live/run-live-sign-in-test.js';
import type { Probe } from '../probe.js';

const simulatedPrefix = 'Simulated: ';

/** What the simulation adds to each piece of evidence: the label, and the full exchange where it belongs. */
function labelSimulated(evidence: readonly Evidence[], simulated: SimulatedSignIn): Evidence[] {
  const exchanges = simulated.exchanges();
  const exchangeRaw = (authenticated: boolean): RawOutput[] =>
    exchanges
      .filter((exchange) => exchange.authenticated === authenticated)
      .map((exchange) => ({
        label: `Simulated HTTP exchange with ${exchange.url}, every header as sent and received`,
        text: exchange.text,
      }));
  return evidence.map((item) => {
    const raw =
      item.kind === 'live-anonymous-request'
        ? [...item.raw, ...exchangeRaw(false)]
        : item.kind === 'live-authenticated-request'
          ? [...item.raw, ...exchangeRaw(true)]
          : item.raw;
    return { ...item, summary: `${simulatedPrefix}${item.summary}`, raw } as Evidence;
  });
}

/** The size of the Kerberos token the user's sign-in produced, when it produced one. */
function tokenSize(evidence: readonly Evidence[], simulated: boolean): Evidence<'negotiate-token-size'>[] {
  const ticket = evidence.find(
    (item): item is Evidence<'live-kerberos-ticket'> =>
      item.kind === 'live-kerberos-ticket' && item.facts.role === 'browser',
  );
  const token = ticket?.facts.token;
  if (!ticket || !token || token.mechanism !== 'kerberos') return [];
  return [
    {
      id: 'negotiate-token-size',
      probe: liveProbeId,
      kind: 'negotiate-token-size',
      status: 'info',
      summary: `${simulated ? simulatedPrefix : ''}Your Kerberos token for ${ticket.facts.spn} is ${token.bytes} bytes (${token.base64Chars} characters in the Authorization header).`,
      facts: { tokenBytes: token.bytes, mechanism: 'kerberos' },
      raw: [{ label: `Negotiate token for ${ticket.facts.spn}`, text: token.description }],
    },
  ];
}

export const liveSignInProbe: Probe = {
  id: liveProbeId,
  title: 'A real sign-in to the site as you: what it offers, which ticket Windows asks for, what it answers',
  async run({ host, target, liveTest }) {
    const simulated = host.simulatedSignIn?.(target.url) ?? null;
    const result = simulated
      ? await runLiveSignInTest(target.url, { network: simulated.network, negotiate: simulated.negotiate })
      : await runLiveSignInTest(target.url, liveTest ?? {});
    const evidence = simulated ? labelSimulated(result.evidence, simulated) : result.evidence;
    return [...evidence, ...tokenSize(evidence, simulated !== null)];
  },
};
