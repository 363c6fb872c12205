import { describe, expect, it } from 'vitest';
import { readKerberosTrace, ticketSourceOf } from './kerberos-trace.js';

// KRB5_TRACE output of MIT krb5 1.20.1 (Debian 12) getting HTTP/web01 from the lab KDC (e2e/lab).
const fromKdc = `[13564] 1796192195.267122: Getting credentials alice@CONTOSO.TEST -> HTTP/web01.contoso.test@CONTOSO.TEST using ccache FILE:/tmp/iwa-kdc-ur0zLB/ccache-alice
[13564] 1796192195.267123: Retrieving alice@CONTOSO.TEST -> krb5_ccache_conf_data/start_realm@X-CACHECONF: from FILE:/tmp/iwa-kdc-ur0zLB/ccache-alice with result: -1765328243/Matching credential not found (filename: /tmp/iwa-kdc-ur0zLB/ccache-alice)
[13564] 1796192195.267124: Retrieving alice@CONTOSO.TEST -> HTTP/web01.contoso.test@CONTOSO.TEST from FILE:/tmp/iwa-kdc-ur0zLB/ccache-alice with result: -1765328243/Matching credential not found (filename: /tmp/iwa-kdc-ur0zLB/ccache-alice)
[13564] 1796192195.267125: Retrieving alice@CONTOSO.TEST -> krbtgt/CONTOSO.TEST@CONTOSO.TEST from FILE:/tmp/iwa-kdc-ur0zLB/ccache-alice with result: 0/Success
[13564] 1796192195.267126: Starting with TGT for client realm: alice@CONTOSO.TEST -> krbtgt/CONTOSO.TEST@CONTOSO.TEST
[13564] 1796192195.267127: Requesting tickets for HTTP/web01.contoso.test@CONTOSO.TEST, referrals on
[13564] 1796192195.267128: Generated subkey for TGS request: aes256-cts/A46B
[13564] 1796192195.267132: Sending request (1027 bytes) to CONTOSO.TEST
[13564] 1796192195.267133: Resolving hostname 127.0.0.1
[13564] 1796192195.267134: Sending initial UDP request to dgram 127.0.0.1:35125
[13564] 1796192195.267135: Received answer (970 bytes) from dgram 127.0.0.1:35125
[13564] 1796192195.267140: TGS request result: 0/Success
[13564] 1796192195.267142: Storing alice@CONTOSO.TEST -> HTTP/web01.contoso.test@CONTOSO.TEST in FILE:/tmp/iwa-kdc-ur0zLB/ccache-alice
`;
const fromCache = `[13565] 1796192195.313959: Getting credentials alice@CONTOSO.TEST -> HTTP/web01.contoso.test@CONTOSO.TEST using ccache FILE:/tmp/iwa-kdc-ur0zLB/ccache-alice
[13565] 1796192195.313960: Retrieving alice@CONTOSO.TEST -> krb5_ccache_conf_data/start_realm@X-CACHECONF: from FILE:/tmp/iwa-kdc-ur0zLB/ccache-alice with result: -1765328243/Matching credential not found (filename: /tmp/iwa-kdc-ur0zLB/ccache-alice)
[13565] 1796192195.313961: Retrieving alice@CONTOSO.TEST -> HTTP/web01.contoso.test@CONTOSO.TEST from FILE:/tmp/iwa-kdc-ur0zLB/ccache-alice with result: 0/Success
`;
const unanswered = `[13573] 1796192195.446124: Retrieving alice@CONTOSO.TEST -> krbtgt/CONTOSO.TEST@CONTOSO.TEST from FILE:/tmp/iwa-kdc-ur0zLB/ccache-tgt-only with result: 0/Success
[13573] 1796192195.446131: Sending request (1027 bytes) to CONTOSO.TEST
[13573] 1796192195.446134: Initiating TCP connection to stream 127.0.0.1:38193
[13573] 1796192195.446135: Terminating TCP connection to stream 127.0.0.1:38193
`;

describe('readKerberosTrace', () => {
  it('sees a TGS exchange with the KDC', () => {
    const trace = readKerberosTrace(fromKdc);
    expect(trace).toMatchObject({ kdcRequests: 1, kdcAnswers: 1, serviceTicketFromCache: false });
    expect(trace.lines).toEqual([
      'Sending request (1027 bytes) to CONTOSO.TEST',
      'Received answer (970 bytes) from dgram 127.0.0.1:35125',
    ]);
    expect(ticketSourceOf(trace)).toBe('kdc');
  });

  it('sees a service ticket taken from the cache (the TGT and cache settings do not count)', () => {
    const trace = readKerberosTrace(fromCache);
    expect(trace).toMatchObject({ kdcRequests: 0, kdcAnswers: 0, serviceTicketFromCache: true });
    expect(ticketSourceOf(trace)).toBe('cache');
    expect(readKerberosTrace(unanswered)).toMatchObject({
      kdcRequests: 1,
      kdcAnswers: 0,
      serviceTicketFromCache: false,
    });
  });

  it('says nothing without a trace', () => {
    expect(ticketSourceOf(null)).toBeNull();
    expect(ticketSourceOf(readKerberosTrace(''))).toBeNull();
  });
});
