/** Kerberos event facts from the real event texts quoted in reference §6.2. */
import { describe, expect, it } from 'vitest';
import {
  formatKerberosEvent,
  kerberosEventFromRecord,
  kdcSource,
  kerberosClientSource,
  type KerberosEventRecord,
} from './kerberos-events.js';

// System event 3, KB 2015518 [V] (reference §6.2), CRLF as the event log renders it.
const event3Message = [
  'A Kerberos Error Message was received:',
  'on logon session',
  'Client Time:',
  'Server Time: 18:35:19.0000 1/27/2010 Z',
  'Error Code: 0x7  KDC_ERR_S_PRINCIPAL_UNKNOWN',
  'Extended Error: 0xc0000035 KLIN(0)',
  'Client Realm:',
  'Client Name:',
  'Server Realm: NORTHWINDTRADERS.COM',
  'Server Name: host/2008r2spn-02.northwindtraders.com',
  'Target Name: host/2008r2spn-02.northwindtraders.com@NORTHWINDTRADERS.COM',
  'Error Text:',
  'File: 9',
  'Line: efb',
  'Error Data is in record data.',
].join('\r\n');

// System event 4, KB 2706695 [V].
const event4Message =
  'The kerberos client received a KRB_AP_ERR_MODIFIED error from the server host/machinename.childdomain.rootdomain.com. ' +
  'The target name used was cifs/machinename.domain.com. This indicates that the password used to encrypt the kerberos ' +
  'service ticket is different than that on the target server. Commonly, this is due to identically named machine accounts ' +
  'in the target realm (childdomain.rootdomain.COM), and the client realm. Please contact your system administrator.';

// KDC event 11, KB 2015518 [V].
const event11Message =
  'The KDC encountered duplicate names while processing a Kerberos authentication request. The duplicate name is ' +
  'host/2008spn-02.adatum.com (of type DS_SERVICE_PRINCIPAL_NAME). This may result in authentication failures or ' +
  'downgrades to NTLM. In order to prevent this from occurring remove the duplicate entries for host/2008spn-02.adatum.com ' +
  'in Active Directory.';

function record(overrides: Partial<KerberosEventRecord>): KerberosEventRecord {
  return {
    log: 'System',
    source: kerberosClientSource,
    id: 3,
    time: '2010-01-27T18:35:19.000Z',
    message: '',
    data: [],
    ...overrides,
  };
}

describe('kerberosEventFromRecord', () => {
  it('reads event 3 from its event data (ErrorCode, TargetName without the realm)', () => {
    const event = kerberosEventFromRecord(
      record({
        message: event3Message,
        data: [
          { name: 'ErrorCode', value: '0x7' },
          { name: 'ServerName', value: 'host/2008r2spn-02.northwindtraders.com' },
          { name: 'TargetName', value: 'host/2008r2spn-02.northwindtraders.com@NORTHWINDTRADERS.COM' },
        ],
      }),
    );
    expect([event.errorCode, event.name, event.log]).toEqual([
      7,
      'host/2008r2spn-02.northwindtraders.com',
      'System',
    ]);
  });

  it('reads event 3 from the message alone when the data items are missing', () => {
    const event = kerberosEventFromRecord(record({ message: event3Message }));
    expect([event.errorCode, event.name]).toEqual([7, 'host/2008r2spn-02.northwindtraders.com']);
  });

  it('reads event 4: KRB_AP_ERR_MODIFIED is error 41, the name is the target name used', () => {
    const event = kerberosEventFromRecord(record({ id: 4, message: event4Message }));
    expect([event.errorCode, event.name]).toEqual([41, 'cifs/machinename.domain.com']);
  });

  it('reads KDC event 11: the duplicate name', () => {
    const fromMessage = kerberosEventFromRecord(
      record({ source: kdcSource, id: 11, message: event11Message }),
    );
    expect([fromMessage.errorCode, fromMessage.name]).toEqual([null, 'host/2008spn-02.adatum.com']);
    const fromData = kerberosEventFromRecord(
      record({
        source: kdcSource,
        id: 11,
        message: '',
        data: [
          { name: null, value: 'HTTP/web01.contoso.com' },
          { name: null, value: 'DS_SERVICE_PRINCIPAL_NAME' },
        ],
      }),
    );
    expect(fromData.name).toBe('HTTP/web01.contoso.com');
  });

  it('reads the etype error by number or by either of its printed names', () => {
    expect(kerberosEventFromRecord(record({ data: [{ name: 'ErrorCode', value: '0xe' }] })).errorCode).toBe(
      14,
    );
    expect(
      kerberosEventFromRecord(record({ message: 'error code 0xE ... KDC_ERR_ETYPE_NOTSUPP' })).errorCode,
    ).toBe(14);
    expect(kerberosEventFromRecord(record({ data: [{ name: 'ErrorCode', value: '14' }] })).errorCode).toBe(
      14,
    );
  });

  it('refuses odd numbers instead of inventing an error, and bounds the message', () => {
    const event = kerberosEventFromRecord(
      record({ data: [{ name: 'ErrorCode', value: '0x123456789' }], message: 'x'.repeat(10_000) }),
    );
    expect(event.errorCode).toBeNull();
    expect(event.message).toHaveLength(4000);
    expect(kerberosEventFromRecord(record({ log: 'Application' })).log).toBe('System');
  });

  it('formats an event the way Event Viewer shows it', () => {
    expect(formatKerberosEvent(record({ id: 4, message: event4Message }))).toMatch(
      /^Log Name: {6}System\r\nSource: {8}Microsoft-Windows-Security-Kerberos\r\n.*Event ID: {6}4\r\n\r\nThe kerberos client/s,
    );
  });
});
