import { describe, expect, it } from 'vitest';
import { corroboratingEvents, describeCorroboratingEvents } from './corroborating-events.js';
import type { KerberosEvent } from './server-evidence.js';

const kdc11: KerberosEvent = {
  log: 'System',
  source: 'Microsoft-Windows-Kerberos-Key-Distribution-Center',
  id: 11,
  time: '2026-11-21T08:14:02Z',
  errorCode: null,
  name: 'HTTP/web01.contoso.com',
  message: '',
};
const modified: KerberosEvent = {
  log: 'System',
  source: 'Microsoft-Windows-Security-Kerberos',
  id: 4,
  time: null,
  errorCode: 41,
  name: 'http/WEB01.contoso.com',
  message: '',
};
const unknown: KerberosEvent = {
  log: 'System',
  source: 'Microsoft-Windows-Security-Kerberos',
  id: 3,
  time: null,
  errorCode: 7,
  name: 'HTTP/web01.contoso.com',
  message: '',
};
const all = [kdc11, modified, unknown];

describe('corroboratingEvents', () => {
  it('matches each event to the causes it is a symptom of, for the SPN browsers ask for (case-insensitive)', () => {
    expect(corroboratingEvents('spn-duplicate', 'HTTP/web01.contoso.com', all)).toEqual([kdc11, modified]);
    expect(corroboratingEvents('kernel-mode-no-apppool-creds', 'HTTP/web01.contoso.com', all)).toEqual([
      modified,
    ]);
    expect(corroboratingEvents('spn-missing', 'HTTP/web01.contoso.com', all)).toEqual([unknown]);
    expect(corroboratingEvents('windows-auth-disabled', 'HTTP/web01.contoso.com', all)).toEqual([]);
  });

  it('ignores events about other names, and says nothing without an SPN', () => {
    expect(corroboratingEvents('spn-duplicate', 'HTTP/portal.contoso.com', all)).toEqual([]);
    expect(corroboratingEvents('spn-duplicate', null, all)).toEqual([]);
    expect(describeCorroboratingEvents([])).toBe('');
  });

  it('describes the first event and how many there are', () => {
    expect(describeCorroboratingEvents([kdc11])).toBe(
      'The event log agrees: an event (Microsoft-Windows-Kerberos-Key-Distribution-Center 11, 2026-11-21T08:14:02Z) in which a domain controller reports this for HTTP/web01.contoso.com.',
    );
    expect(describeCorroboratingEvents([modified, modified])).toMatch(
      /^The event log agrees: 2 events \(Microsoft-Windows-Security-Kerberos 4\) in which Windows/,
    );
  });
});
