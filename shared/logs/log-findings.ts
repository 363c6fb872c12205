/**
 * From log patterns to findings. A log shows status codes, not configuration, so most
 * mappings are "consistent with" (confidence `possible`); a code the reference ties to one
 * cause (SEC_E_INVALID_TOKEN §7.5, SEC_E_TIME_SKEW §6.3, SEC_E_BAD_BINDINGS §7.4,
 * 400 FieldLength §7.2) is `likely`; nothing a log shows alone is `confirmed` except the
 * normal challenge itself.
 */
import type { CauseId } from '../causes/cause-catalog.js';
import type { Evidence } from '../model/evidence.js';
import type { Confidence, Finding } from '../model/finding.js';
import { logPatternDescriptions, promptLoopMinimum, type LogPatternKind } from './auth-pattern.js';
import type { LogPatternEvidenceFacts } from './log-pattern-evidence.js';
import type { LogPattern, PatternSummary } from './log-analysis.js';
import { win32, type Win32StatusInfo } from './win32-status.js';

const examplesPerEvidence = 10;
const rawLinesPerEvidence = 8;

function isLoopback(pattern: LogPattern): boolean {
  return (
    pattern.client === '127.0.0.1' ||
    pattern.client === '::1' ||
    (pattern.serverIp !== '' && pattern.client === pattern.serverIp)
  );
}

function evidenceFor(
  kind: LogPatternKind,
  patterns: readonly LogPattern[],
  summary: PatternSummary,
): Evidence<'log-pattern'> {
  const codes = new Map<number, Win32StatusInfo>();
  for (const pattern of patterns) for (const info of pattern.win32) codes.set(info.code, info);
  const facts: LogPatternEvidenceFacts = {
    kind,
    description: logPatternDescriptions[kind],
    groups: summary.groups,
    occurrences: summary.occurrences,
    win32: [...codes.values()].sort((a, b) => a.code - b.code),
    loopbackGroups: patterns.filter(isLoopback).length,
    examples: patterns.slice(0, examplesPerEvidence).map((pattern) => ({
      client: pattern.client,
      url: pattern.url,
      userAgent: pattern.userAgent,
      count: pattern.count,
      resolved: pattern.resolved,
      firstSeen: pattern.firstSeen,
      lastSeen: pattern.lastSeen,
      serverPort: pattern.serverPort,
    })),
  };
  // A loop, not flatMap: a busy log has tens of thousands of patterns of one kind.
  const raw: string[] = [];
  for (const pattern of patterns) {
    for (const line of pattern.exampleLines) if (raw.length < rawLinesPerEvidence) raw.push(line);
    if (raw.length >= rawLinesPerEvidence) break;
  }
  const source = patterns[0]?.source === 'httperr' ? 'HTTP.sys error log' : 'IIS W3C log';
  return {
    id: `log-pattern-${kind}`,
    probe: 'log-analysis',
    kind: 'log-pattern',
    status: kind === 'normal-kerberos' || kind === 'normal-ntlm' ? 'info' : 'problem',
    summary: `${summary.occurrences} × ${logPatternDescriptions[kind]} (${summary.groups} client/URL group${summary.groups === 1 ? '' : 's'})`,
    facts,
    raw: raw.length > 0 ? [{ label: `${source} lines`, text: raw.join('\n') }] : [],
  };
}

interface Mapping {
  readonly cause: CauseId;
  readonly confidence: Confidence;
  readonly title: string;
  readonly explanation: string;
}

/** `groups`: all groups of the kind (the summary's count); `patterns` may be a sample of them. */
function where(patterns: readonly LogPattern[], groups: number): string {
  const first = patterns[0];
  if (!first) return '';
  const more = groups > 1 ? ` and ${groups - 1} more client/URL group${groups > 2 ? 's' : ''}` : '';
  return `${first.client} → ${first.url}${more}`;
}

function mappingsFor(
  kind: LogPatternKind,
  patterns: readonly LogPattern[],
  occurrences: number,
  inferred: number,
  groups: number,
  authenticatedSomewhere: boolean,
): Mapping[] {
  const at = where(patterns, groups);
  const loopback = patterns.some(isLoopback);
  const loopbackMapping: Mapping = {
    cause: 'loopback-check',
    confidence: 'possible',
    title: 'Sign-in from the server to itself fails',
    explanation: `The failing requests come from the server's own address (${patterns.find(isLoopback)?.client ?? ''}). That is consistent with the loopback check, which rejects NTLM sign-in to the machine itself under another name (reference §7.1).`,
  };
  switch (kind) {
    case 'normal-kerberos':
    case 'normal-ntlm':
      return [];
    case 'invalid-token':
      return [
        {
          cause: 'farm-shared-name',
          confidence: 'likely',
          title: 'NTLM messages were split across connections or servers',
          explanation: `IIS answered 401.1 with SEC_E_INVALID_TOKEN (0x80090308) ${occurrences} time(s) (${at}). NTLM needs its three messages on one connection to one server; behind a load balancer without affinity the legs land on different nodes (reference §7.5).`,
        },
      ];
    case 'time-skew':
      return [
        {
          cause: 'clock-skew',
          confidence: 'likely',
          title: 'Clocks of client and server are too far apart',
          explanation: `IIS answered 401.1 with SEC_E_TIME_SKEW (0x80090324) ${occurrences} time(s) (${at}): the Kerberos ticket's time is outside the allowed skew (5 minutes by default, reference §6.3).`,
        },
      ];
    case 'bad-bindings': {
      const https = patterns.some((pattern) => pattern.serverPort === '443');
      return [
        {
          cause: 'epa-channel-binding',
          confidence: https ? 'likely' : 'possible',
          title: 'Extended Protection rejected the channel binding',
          explanation: `IIS answered 401.1 with SEC_E_BAD_BINDINGS (0x80090346) ${occurrences} time(s) (${at}). The token was bound to a different TLS certificate than IIS sees, typical when TLS ends on a load balancer while tokenChecking is Require (reference §7.4).`,
        },
      ];
    }
    case 'header-too-long':
      return [
        {
          cause: 'kerberos-token-too-large',
          confidence: 'likely',
          title: 'A request header was larger than HTTP.sys allows',
          explanation: `HTTP.sys rejected ${occurrences} request(s) with 400 FieldLength/RequestLength before IIS saw them (${at}). With Windows authentication this is almost always a Kerberos ticket of a user in many groups exceeding MaxFieldLength/MaxRequestBytes (reference §7.2).`,
        },
      ];
    case 'logon-denied': {
      if (loopback) return [loopbackMapping];
      const storedCredentials: Mapping = {
        cause: 'stored-credentials',
        confidence: 'possible',
        title: 'A saved or typed password was rejected',
        explanation: `IIS answered 401.1 with a logon failure ${occurrences} time(s) (${at}): credentials were sent and rejected. That is consistent with a wrong password, for example one saved in Credential Manager for the site (reference §5.2, §7.6).`,
      };
      // SEC_E_LOGON_DENIED also follows a Kerberos ticket the server cannot decrypt (§5.2); ERROR_LOGON_FAILURE alone is a bad password.
      const denied = patterns.some((pattern) =>
        pattern.win32.some((info) => info.code === win32.logonDenied),
      );
      return denied
        ? [
            storedCredentials,
            {
              cause: 'spn-wrong-account',
              confidence: 'possible',
              title: 'A Kerberos ticket the server could not decrypt',
              explanation: `SEC_E_LOGON_DENIED (0x8009030C) (${at}) is also what IIS logs when the Kerberos ticket cannot be decrypted and the fallback fails — consistent with the SPN on another account than the one that decrypts tickets (reference §5.2, §4.4).`,
            },
          ]
        : [storedCredentials];
    }
    case 'wrong-principal':
      return [
        {
          cause: 'spn-wrong-account',
          confidence: 'possible',
          title: 'The ticket was made for another name',
          explanation: `IIS answered 401.1 with SEC_E_WRONG_PRINCIPAL (0x80090322) ${occurrences} time(s) (${at}): consistent with an SPN registered on a different account from the one that decrypts tickets, or a DNS alias (reference §5.2, §4.4, §7.3).`,
        },
      ];
    case 'prompt-loop':
      // From the server itself the loop is the loopback check (§7.1), whether or not the log has the codes.
      if (loopback) return [loopbackMapping];
      if (inferred > 0 && inferred === occurrences)
        return [
          {
            cause: 'spn-missing',
            confidence: 'possible',
            title: 'Sign-in attempts repeated and never succeeded',
            explanation: `${occurrences} sign-in attempt(s) got three or more 401 answers in a row and never reached success (${at}). This log does not record sc-substatus / sc-win32-status, so whether those were refused credentials (401.1) or challenges (401.2) cannot be told; the sequence is consistent with the three-prompt loop of Kerberos failing for the site's name (reference §5.2, §3).`,
          },
        ];
      return [
        {
          cause: 'spn-missing',
          confidence: 'possible',
          title: 'Sign-in attempts repeated and never succeeded',
          explanation: `${occurrences} sign-in attempt(s) were challenged three times or more and never reached success (${at}) — the three-prompt loop. That is consistent with Kerberos failing for the site's name (no SPN, or the SPN on the wrong account); the log alone cannot tell which (reference §5.2, §3).`,
        },
      ];
    case 'ntlm-preauth':
      return [
        {
          cause: 'ntlm-preauth-kernel-mode',
          confidence: 'possible',
          title: 'The first request was pre-authenticated and refused',
          explanation: `The first logged request of ${at} already carried credentials and got 401.1 0x8009030E without a 401.2 before it — the pattern of KB 2749007 (browser NTLM pre-authentication meeting kernel-mode authentication, reference §2.2).`,
        },
      ];
    case 'challenge-unanswered':
      // A lone unanswered 401.2 is normal (§5.2); only repeated ones in one group say something.
      if (!patterns.some((pattern) => pattern.lines >= promptLoopMinimum)) return [];
      return authenticatedSomewhere
        ? [
            {
              cause: 'browser-not-configured',
              confidence: 'possible',
              title: 'Some clients never answer the sign-in challenge',
              explanation: `${occurrences} request(s) got 401.2 and the client never came back with credentials (${at}), while other requests in the log did sign in. That is consistent with a client not allowed to sign in automatically (browser policy or zone) — or a bot (reference §1.7, §2.4).`,
            },
          ]
        : [
            {
              cause: 'windows-auth-disabled',
              confidence: 'possible',
              title: 'No request in the log ever signed in',
              explanation: `Every challenged request got 401.2 and none was ever authenticated (${at}). That is consistent with Windows authentication not being offered, or clients that cannot use it (reference §4.1, §5.1).`,
            },
          ];
    case 'anonymous-only':
      return [
        {
          cause: 'windows-auth-disabled',
          confidence: 'possible',
          title: 'Some URLs are served without sign-in',
          explanation: `${occurrences} request(s) succeeded anonymously and were never challenged (${at}), while other requests on this server use Windows authentication. That is consistent with anonymous authentication enabled alongside Windows authentication for those applications (reference §7.8, §4.1).`,
        },
      ];
    case 'logon-failed':
    case 'handshake-incomplete':
    case 'unclassified-401':
      return [];
  }
}

/**
 * `patterns` may be a sample of each kind (a busy log has tens of thousands): it must hold
 * every loopback group and, per kind, one pattern for each win32 code, one on port 443 and
 * one with repeated lines — what the mappings below look for. Counts come from `summary`.
 */
export function logFindings(
  patterns: readonly LogPattern[],
  summary: readonly PatternSummary[],
  authenticatedSomewhere: boolean,
): { findings: Finding[]; evidence: Evidence[] } {
  const findings: Finding[] = [];
  const evidence: Evidence[] = [];
  for (const entry of summary) {
    const ofKind = patterns.filter((pattern) => pattern.kind === entry.kind);
    const item = evidenceFor(entry.kind, ofKind, entry);
    evidence.push(item);
    for (const mapping of mappingsFor(
      entry.kind,
      ofKind,
      entry.occurrences,
      entry.inferred,
      entry.groups,
      authenticatedSomewhere,
    )) {
      findings.push({
        cause: mapping.cause,
        confidence: mapping.confidence,
        title: mapping.title,
        explanation: mapping.explanation,
        evidence: [item.id],
        remedies: [],
      });
    }
  }
  const normal = summary.filter((entry) => entry.kind === 'normal-kerberos' || entry.kind === 'normal-ntlm');
  if (normal.length > 0) {
    const total = normal.reduce((sum, entry) => sum + entry.occurrences, 0);
    const ntlm = normal.find((entry) => entry.kind === 'normal-ntlm')?.occurrences ?? 0;
    const inferred = normal.reduce((sum, entry) => sum + entry.inferred, 0);
    // Without sc-substatus / sc-win32-status only the shape of the sequence is known (§5.3).
    const inferredText =
      inferred === 0
        ? ''
        : inferred === total
          ? ' This log does not record sc-substatus / sc-win32-status, so the steps are read from the sequence of statuses alone: consistent with the normal sign-in, not shown by the codes.'
          : ` ${inferred} of them come from lines without sc-substatus / sc-win32-status and are read from the sequence of statuses alone.`;
    findings.push({
      cause: 'challenge-normal',
      confidence: inferred === total ? 'possible' : 'confirmed',
      title: 'These 401s are the normal first step of sign-in',
      explanation: `${total} sign-in(s) began with 401 and then succeeded (${total - ntlm} Kerberos-style, one round trip: 401.2 then success; ${ntlm} NTLM: 401.2, 401.1 0x8009030E, then success). A single 401.2 or 401.1 0x8009030E before success is not an error (reference §5.2).${inferredText}${ntlm > 0 ? ' If Kerberos is expected, the NTLM sign-ins deserve a look (SPN, domain controller reachability).' : ''}`,
      evidence: normal.map((entry) => `log-pattern-${entry.kind}`),
      remedies: [],
    });
  }
  return { findings, evidence };
}
