/**
 * What MIT krb5 did while getting a service ticket, read from its trace (the file named by
 * KRB5_TRACE): whether it asked a KDC, whether a KDC answered, and whether the ticket simply
 * came out of the credentials cache. The sequence diagram draws KDC legs only for what really
 * happened. Trace lines are MIT's own wording (src/include/k5-trace.h), e.g.
 *   `[123] 1796192195.267132: Sending request (1027 bytes) to CONTOSO.TEST`
 *   `[123] 1796192195.267135: Received answer (970 bytes) from dgram 127.0.0.1:35125`
 *   `[123] 1796192195.313961: Retrieving alice@CONTOSO.TEST -> HTTP/web01.contoso.test@CONTOSO.TEST from FILE:/tmp/cc with result: 0/Success`
 */
import type { TicketSource } from './live-evidence.js';

export interface KerberosTraceFacts {
  /** Requests sent to a KDC (a TGS-REQ, and its retries with referrals off). */
  readonly kdcRequests: number;
  /** Answers received from a KDC (a TGS-REP or a KRB-ERROR). */
  readonly kdcAnswers: number;
  /** A service ticket (not the TGT) was found in the credentials cache. */
  readonly serviceTicketFromCache: boolean;
  /** The trace lines these facts come from, without the process id and time stamp. */
  readonly lines: readonly string[];
}

const sendingRequest = /Sending request \(\d+ bytes\) to \S+/;
const receivedAnswer = /Received answer \(\d+ bytes\) from /;
/** A cache hit for anything but the TGT (`krbtgt/…`) or MIT's cache configuration entries. */
const cachedServiceTicket =
  /Retrieving \S+ -> (?!krbtgt\/|krb5_ccache_conf_data\/)\S+ from \S+ with result: 0\//;
const tracePrefix = /^\[\d+\]\s+[\d.]+:\s*/;

export function readKerberosTrace(text: string): KerberosTraceFacts {
  const lines: string[] = [];
  let kdcRequests = 0;
  let kdcAnswers = 0;
  let serviceTicketFromCache = false;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(tracePrefix, '').trim();
    if (sendingRequest.test(line)) kdcRequests += 1;
    else if (receivedAnswer.test(line)) kdcAnswers += 1;
    else if (cachedServiceTicket.test(line)) serviceTicketFromCache = true;
    else continue;
    lines.push(line);
  }
  return { kdcRequests, kdcAnswers, serviceTicketFromCache, lines };
}

/** Where a ticket that was obtained came from; null when the trace says nothing (no trace). */
export function ticketSourceOf(trace: KerberosTraceFacts | null): TicketSource | null {
  if (!trace) return null;
  if (trace.kdcRequests > 0) return 'kdc';
  return trace.serviceTicketFromCache ? 'cache' : null;
}
