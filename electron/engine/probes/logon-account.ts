/** Probe `account:logon`: who is signed in to Windows, and whether the computer is in a domain (local-account-ntlm). */
import type { Evidence } from '../../../shared/model/evidence.js';
import '../../../shared/rules/workstation/workstation-evidence.js';
import type { Probe } from '../probe.js';

export const logonAccountProbe: Probe = {
  id: 'account:logon',
  title: 'Which account you are signed in to Windows with',
  async run({ machine }) {
    const { user } = machine;
    const evidence: Evidence<'logon-account'> = {
      id: 'logon-account',
      probe: this.id,
      kind: 'logon-account',
      status: user.kind === 'domain' && machine.domain !== null ? 'ok' : 'problem',
      summary: `Signed in as ${user.domain}\\${user.name} (${user.kind} account) on ${machine.computerName}, ${machine.domain ? `member of ${machine.domain}` : 'not in a domain'}.`,
      facts: {
        user: { name: user.name, domain: user.domain, kind: user.kind },
        computerName: machine.computerName,
        machineDomain: machine.domain,
      },
      raw: [
        {
          label: 'Machine identity',
          text: `Computer: ${machine.computerName}\nDomain: ${machine.domain ?? '(workgroup)'}\nUser: ${user.domain}\\${user.name} (${user.kind})`,
        },
      ],
    };
    return [evidence];
  },
};
