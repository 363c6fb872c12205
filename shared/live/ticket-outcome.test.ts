import { describe, expect, it } from 'vitest';
import { classifyTicketFailure, cleanTicketMessage, describeTicketOutcome } from './ticket-outcome.js';

describe('classifyTicketFailure', () => {
  // Texts as the kerberos package returned them against the lab's MIT KDC (e2e/lab).
  it('reads MIT GSSAPI errors', () => {
    expect(
      classifyTicketFailure(
        'Unspecified GSS failure.  Minor code may provide more information: Server HTTP/web02.contoso.test@CONTOSO.TEST not found in Kerberos database',
      ),
    ).toBe('principal-unknown');
    expect(
      classifyTicketFailure(
        "Unspecified GSS failure.  Minor code may provide more information: Cannot contact any KDC for realm 'CONTOSO.TEST'",
      ),
    ).toBe('kdc-unreachable');
    expect(classifyTicketFailure('No Kerberos credentials available (default cache: FILE:/tmp/x)')).toBe(
      'no-credentials',
    );
    expect(classifyTicketFailure('Clock skew too great')).toBe('clock-skew');
    expect(classifyTicketFailure('something else entirely')).toBe('failed');
    // Our own time limit (negotiate-client.ts).
    expect(
      classifyTicketFailure('Kerberos ticket request for HTTP/web01.contoso.test timed out after 1500 ms'),
    ).toBe('timed-out');
    expect(describeTicketOutcome('timed-out', 'HTTP/web01')).toMatch(/no answer in time/);
  });

  it('reads SSPI errors by name or code (reference §5.2)', () => {
    expect(classifyTicketFailure('InitializeSecurityContext: SEC_E_TARGET_UNKNOWN (0x80090303)')).toBe(
      'principal-unknown',
    );
    expect(classifyTicketFailure('0x80090311')).toBe('kdc-unreachable');
    expect(classifyTicketFailure('SEC_E_NO_CREDENTIALS')).toBe('no-credentials');
  });

  it('keeps only the useful part of an MIT message', () => {
    expect(
      cleanTicketMessage(
        "Unspecified GSS failure.  Minor code may provide more information: Cannot contact any KDC for realm 'X'",
      ),
    ).toBe("Cannot contact any KDC for realm 'X'");
    expect(describeTicketOutcome('principal-unknown', 'HTTP/web02')).toMatch(/KDC_ERR_S_PRINCIPAL_UNKNOWN/);
  });
});
