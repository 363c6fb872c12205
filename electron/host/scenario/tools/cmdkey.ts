/**
 * Simulated `cmdkey` (reference §7.6): `/list` in the real layout (empty store: `* NONE *`,
 * reconstructed) and `/delete:<target>`, which removes a `Domain:target=<target>` (or exactly
 * named) entry. cmdkey never prints passwords, and neither does this.
 */
import type { SimulatedTool } from '../simulated-tool.js';
import { workstationState } from './workstation-state.js';

const crlf = '\r\n';

function targetName(target: string): string {
  const match = /^[A-Za-z]+:(?:target|interactive)=(.*)$/.exec(target);
  return match?.[1] ?? target;
}

export const simulatedCmdkey: SimulatedTool = (args, scenario) => {
  const state = workstationState(scenario);
  const [command = ''] = args;
  if (command.toLowerCase() === '/list') {
    const lines = ['', 'Currently stored credentials:', ''];
    if (state.credentials.length === 0) lines.push('* NONE *', '');
    for (const credential of state.credentials) {
      lines.push(
        `    Target: ${credential.target}`,
        `    Type: ${credential.type}`,
        `    User: ${credential.user}`,
      );
      if (credential.persistence) lines.push(`    ${credential.persistence}`);
      lines.push('');
    }
    return { exitCode: 0, stdout: lines.join(crlf), stderr: '' };
  }
  const deletion = /^\/delete:(.+)$/i.exec(command);
  if (deletion) {
    const wanted = (deletion[1] ?? '').toLowerCase();
    const index = state.credentials.findIndex(
      (credential) =>
        credential.target.toLowerCase() === wanted || targetName(credential.target).toLowerCase() === wanted,
    );
    if (index === -1)
      return { exitCode: 1, stdout: '', stderr: `${crlf}* NONE *${crlf}Element not found.${crlf}` };
    state.credentials.splice(index, 1);
    return { exitCode: 0, stdout: `${crlf}CMDKEY: Credential deleted successfully.${crlf}`, stderr: '' };
  }
  return { exitCode: 1, stdout: '', stderr: `The command line parameters are incorrect.${crlf}` };
};
