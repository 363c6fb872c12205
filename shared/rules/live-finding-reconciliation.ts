/**
 * One finding per cause, and no finding that contradicts another: how the live sign-in's
 * findings (what the wire shows, shared/rules/live-sign-in.ts) meet the findings of the machine,
 * server and directory rules (why it happens).
 *
 * - A live finding for a cause a host rule also found is the same finding: its evidence (the
 *   handshake) joins the host finding, which keeps its remedies; the surer confidence wins.
 * - A live finding whose failure a more specific host finding explains joins that finding as
 *   its evidence: a ticket the server cannot decrypt (KRB_AP_ERR_MODIFIED, or 401 after a valid
 *   ticket) is what a duplicate SPN, kernel mode without useAppPoolCredentials, split pool
 *   identities, a farm node, an alias, port or missing name whose SPN lands on the computer
 *   account through HOST/, a stale cached ticket, Extended Protection behind TLS offloading or
 *   the loopback check look like on the wire (reference §4.4, §6.2, §7.1, §7.3, §7.4); an unknown SPN is what a missing NetBIOS,
 *   alias or port form looks like (§3.1, §7.3).
 * - The live rule gives alternatives when Windows fell back to NTLM without saying why (§8.1):
 *   once a host rule proves one of them, the other guesses on the same evidence are dropped.
 * - `challenge-normal` — the sign-in works, the first 401 is the normal first leg — is the
 *   answer only to "a 401 only in a log or a trace, the page itself opens" (decision tree,
 *   `which-401` = `only-in-a-trace`) with nothing else wrong. For anything else the person
 *   reports, a working sign-in is no cause of it (and never "a problem that remains" after a
 *   fix): the live rule's ruled-out entries and the diagram say it works.
 * - A cause that is found is never also listed as ruled out, and a cause both sides rule out is
 *   one line (the host's words, both sides' evidence).
 */
import type { CauseId } from '../causes/cause-catalog.js';
import type { Confidence, RuledOut } from '../model/finding.js';
import type { Target } from '../model/target.js';
import type { FindingDraft, RuleOutcome } from './rule.js';

/** For each cause the live rule can name, the host causes that explain the same failure (the same cause first). */
const explainedBy: Readonly<Partial<Record<CauseId, readonly CauseId[]>>> = {
  'spn-missing': ['spn-missing', 'spn-netbios-missing', 'cname-alias-spn', 'port-in-spn', 'spn-duplicate'],
  'spn-wrong-account': [
    'spn-wrong-account',
    // No HTTP/ holder, but HOST/ on a computer covers the name: the ticket is the computer's (§3.1).
    'spn-missing',
    'spn-duplicate',
    'kernel-mode-no-apppool-creds',
    'apppool-identity-split',
    'farm-shared-name',
    'etype-mismatch',
    'epa-channel-binding',
    'loopback-check',
    'stale-ticket',
    'cname-alias-spn',
    'port-in-spn',
    'spn-netbios-missing',
  ],
  'spn-duplicate': ['spn-duplicate'],
  'cname-alias-spn': ['cname-alias-spn'],
  'port-in-spn': ['port-in-spn'],
  'epa-channel-binding': ['epa-channel-binding'],
  'windows-auth-disabled': ['windows-auth-disabled'],
  'providers-misconfigured': ['providers-misconfigured'],
  'kdc-unreachable': ['kdc-unreachable'],
  'clock-skew': ['clock-skew'],
  'local-account-ntlm': ['local-account-ntlm'],
  'kerberos-token-too-large': ['kerberos-token-too-large'],
};

const confidenceOrder: readonly Confidence[] = ['confirmed', 'likely', 'possible'];

function surer(a: Confidence, b: Confidence): Confidence {
  return confidenceOrder.indexOf(a) <= confidenceOrder.indexOf(b) ? a : b;
}

function sameEvidence(a: FindingDraft, b: FindingDraft): boolean {
  return a.evidence.length === b.evidence.length && a.evidence.every((id) => b.evidence.includes(id));
}

/**
 * `host` may already hold an earlier live finding (over HTTPS both guesses for a refused ticket
 * fold into the one host cause): the sign-in test is then mentioned once, not once per guess.
 */
function mergeInto(host: FindingDraft, live: FindingDraft, alreadyJoined: boolean): FindingDraft {
  const sameCause = host.cause === live.cause;
  return {
    ...host,
    confidence: sameCause ? surer(host.confidence, live.confidence) : host.confidence,
    explanation: alreadyJoined
      ? host.explanation
      : `${host.explanation} ${
          sameCause ? 'The sign-in test shows it too.' : 'The sign-in test shows the failure this causes.'
        }`,
    evidence: [...host.evidence, ...live.evidence.filter((id) => !host.evidence.includes(id))],
  };
}

/**
 * Whether a host finding is about the SPN the browser asks for. The decryption chain names
 * spn-netbios-missing in two cases (rules/server/decryption-chain.ts): the requested form itself
 * has no HTTP/ holder ('confirmed' — the wire failure is that), or the requested form is on the
 * right account and only the other form is missing ('likely' — a failure of this sign-in is
 * something else, and folding it in would hide it).
 */
function aboutTheRequestedSpn(host: FindingDraft): boolean {
  return host.cause !== 'spn-netbios-missing' || host.confidence === 'confirmed';
}

/** The host finding that explains `live`: the same cause when the host found it, else the first listed explainer found. */
function explainingIndex(findings: readonly FindingDraft[], live: FindingDraft): number {
  for (const cause of explainedBy[live.cause] ?? [live.cause]) {
    const index = findings.findIndex(
      (candidate) => candidate.cause === cause && (cause === live.cause || aboutTheRequestedSpn(candidate)),
    );
    if (index >= 0) return index;
  }
  return -1;
}

/** The answer that reports a 401 seen only in a log or a network trace. */
const onlyInATrace = { question: 'which-401', answer: 'only-in-a-trace' } as const;

export function reconcileLiveFindings(
  target: Pick<Target, 'symptom' | 'answers'>,
  host: RuleOutcome,
  live: RuleOutcome,
): RuleOutcome {
  const findings = [...host.findings];
  // One "ruled out" line per cause: what the live test also proves joins the host's line as evidence.
  const ruledOut: RuledOut[] = [...host.ruledOut];
  for (const item of live.ruledOut) {
    const index = ruledOut.findIndex((candidate) => candidate.cause === item.cause);
    const same = ruledOut[index];
    if (same)
      ruledOut[index] = {
        ...same,
        evidence: [...same.evidence, ...item.evidence.filter((id) => !same.evidence.includes(id))],
      };
    else ruledOut.push(item);
  }
  const folded: FindingDraft[] = [];
  const standing: FindingDraft[] = [];
  const joined = new Set<number>();
  for (const finding of live.findings) {
    const index = explainingIndex(findings, finding);
    const explaining = findings[index];
    if (explaining) {
      findings[index] = mergeInto(explaining, finding, joined.has(index));
      joined.add(index);
      folded.push(finding);
    } else standing.push(finding);
  }
  // Alternatives on the same evidence (the NTLM fallback's guesses) go once one of them is proven.
  const kept = standing.filter(
    (finding) =>
      !(finding.confidence === 'possible' && folded.some((proven) => sameEvidence(proven, finding))),
  );
  for (const finding of kept) {
    if (finding.cause !== 'challenge-normal') findings.push(finding);
  }
  const signInWorks = kept.find((finding) => finding.cause === 'challenge-normal');
  const reportedATraceOnly =
    target.symptom === 'http-401' && target.answers?.[onlyInATrace.question] === onlyInATrace.answer;
  if (signInWorks && reportedATraceOnly && findings.length === 0) findings.push(signInWorks);
  const found = new Set(findings.map((finding) => finding.cause));
  return { findings, ruledOut: ruledOut.filter((item) => !found.has(item.cause)) };
}
