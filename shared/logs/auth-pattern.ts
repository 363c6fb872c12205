/**
 * What one authentication attempt in a log looked like: the consecutive 401 lines of one
 * client + URL + user agent until a response that is not a 401 (reference §5.2).
 */
import { win32 } from './win32-status.js';

export const logPatternKinds = [
  'normal-kerberos',
  'normal-ntlm',
  'prompt-loop',
  'logon-denied',
  'invalid-token',
  'time-skew',
  'bad-bindings',
  'wrong-principal',
  'ntlm-preauth',
  'logon-failed',
  'handshake-incomplete',
  'challenge-unanswered',
  'unclassified-401',
  'header-too-long',
  'anonymous-only',
] as const;
export type LogPatternKind = (typeof logPatternKinds)[number];

/** Plain words for each kind (UI and report headings). */
export const logPatternDescriptions: Readonly<Record<LogPatternKind, string>> = {
  // §5.2 reads one 401.2 then success as Kerberos, but any single-round-trip scheme (an NTLM
  // client reusing its connection, a crawler) logs the same lines: the kind names the shape.
  'normal-kerberos': 'Normal Kerberos-style sign-in (one round trip): 401.2 challenge, then success (§5.2)',
  'normal-ntlm': 'Normal NTLM sign-in: 401.2, 401.1 0x8009030E (challenge), then success (§5.2)',
  'prompt-loop': 'Repeated challenges that never reached success (the three-prompt loop)',
  'logon-denied': '401.1 SEC_E_LOGON_DENIED / logon failure: credentials were sent and rejected',
  'invalid-token': '401.1 SEC_E_INVALID_TOKEN: NTLM legs split across connections or servers (§7.5)',
  'time-skew': '401.1 SEC_E_TIME_SKEW: client and server clocks differ too much (§6.3)',
  'bad-bindings': '401.1 SEC_E_BAD_BINDINGS: channel binding rejected by Extended Protection (§7.4)',
  'wrong-principal': '401.1 SEC_E_WRONG_PRINCIPAL: the ticket was for another name',
  'ntlm-preauth': 'The first request was already pre-authenticated and got 401.1 (KB 2749007, §2.2)',
  'logon-failed': '401.1 with another error code',
  'handshake-incomplete': 'NTLM challenge sent, the client never completed the handshake',
  'challenge-unanswered': '401.2 challenges the client never answered with credentials',
  'unclassified-401':
    '401 answers in a log without sc-substatus / sc-win32-status: which step they were cannot be told',
  'header-too-long': 'HTTP.sys rejected the request: 400 FieldLength/RequestLength, a header too long (§7.2)',
  'anonymous-only': 'Served anonymously although Windows authentication is used on this server',
};

/**
 * Failure codes with a kind of their own, by code; when an attempt shows several, the
 * lowest rank wins (bad-bindings, time-skew, invalid-token, wrong-principal, logon-denied).
 */
const namedFailures: ReadonlyMap<number, { readonly kind: LogPatternKind; readonly rank: number }> = new Map([
  [win32.badBindings, { kind: 'bad-bindings', rank: 0 }],
  [win32.timeSkew, { kind: 'time-skew', rank: 1 }],
  [win32.invalidToken, { kind: 'invalid-token', rank: 2 }],
  [win32.wrongPrincipal, { kind: 'wrong-principal', rank: 3 }],
  [win32.logonDenied, { kind: 'logon-denied', rank: 4 }],
  [win32.logonFailure, { kind: 'logon-denied', rank: 4 }],
  [win32.statusLogonFailure, { kind: 'logon-denied', rank: 4 }],
]);

/** The counts an attempt is classified by. */
export interface AttemptCounts {
  /** 401.2 lines (anonymous request challenged). */
  readonly challenges: number;
  /** 401.1 lines with 0x8009030E: an NTLM/Negotiate leg in progress. */
  readonly continuations: number;
  /** 401.1 lines with any other code, and 401 with another sub-status. */
  readonly failures: number;
  /** Distinct failure codes seen. */
  readonly failureCodes: readonly number[];
  /** The attempt began with a 401.1 0x8009030E, no 401.2 before it. */
  readonly startedPreauthenticated: boolean;
  /** A 401.2 came after that pre-authenticated start (the browser was challenged again). */
  readonly challengedAfterPreauth: boolean;
}

/** Prompts IE shows before the error page (§5.2); fewer unresolved rounds is not a loop. */
export const promptLoopMinimum = 3;

/**
 * `resolved`: the attempt ended with a response that is not 401 for an authenticated user.
 * Runs once per sign-in attempt of a busy log: plain loops, nothing allocated.
 */
export function classifyAttempt(counts: AttemptCounts, resolved: boolean): LogPatternKind {
  let named: { readonly kind: LogPatternKind; readonly rank: number } | undefined;
  for (let index = 0; index < counts.failureCodes.length; index++) {
    const candidate = namedFailures.get(counts.failureCodes[index]!);
    if (candidate && (!named || candidate.rank < named.rank)) named = candidate;
  }
  if (named) return named.kind;
  const lines401 = counts.challenges + counts.continuations + counts.failures;
  const presentedCredentials = counts.continuations + counts.failures > 0;
  if (!resolved && presentedCredentials && lines401 >= promptLoopMinimum && !counts.startedPreauthenticated)
    return 'prompt-loop';
  if (counts.startedPreauthenticated && (!resolved || counts.challengedAfterPreauth)) return 'ntlm-preauth';
  if (counts.failures > 0) return resolved || lines401 < promptLoopMinimum ? 'logon-failed' : 'prompt-loop';
  if (!resolved) return counts.continuations > 0 ? 'handshake-incomplete' : 'challenge-unanswered';
  return counts.continuations > 0 ? 'normal-ntlm' : 'normal-kerberos';
}

/**
 * Classification when the log does not say which kind of 401 a line was (no `sc-substatus`
 * and/or no `sc-win32-status` column, §5.3): only the shape of the sequence is known, so
 * only what that shape alone shows is named, and the caller marks it as inferred
 * ("consistent with"): one 401 then success is the single-round-trip sign-in, two the NTLM
 * one (§5.2); three or more that never succeed are the prompt loop. Anything else says
 * nothing without the codes.
 */
export function classifyStatusSequence(lines401: number, resolved: boolean): LogPatternKind {
  if (resolved && lines401 === 1) return 'normal-kerberos';
  if (resolved && lines401 === 2) return 'normal-ntlm';
  if (!resolved && lines401 >= promptLoopMinimum) return 'prompt-loop';
  return 'unclassified-401';
}
