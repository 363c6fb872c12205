/**
 * Simulated `w32tm` (reference §6.3; formats reconstructed, see
 * shared/windows-output/w32tm-output.ts): `/stripchart /computer:<dc> /samples:<n> /dataonly`
 * prints the scenario's clock offset, and `/resync` (administrator only: run by the elevated host, after UAC) sets it to zero.
 */
import type { SimulatedTool } from '../simulated-tool.js';
import { domainControllerOf, workstationState } from './workstation-state.js';

const crlf = '\r\n';

function formatOffset(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const [whole = '0', fraction = '0000000'] = Math.abs(seconds).toFixed(7).split('.');
  return `${sign}${whole.padStart(2, '0')}.${fraction}s`;
}

export const simulatedW32tm: SimulatedTool = (args, scenario, { elevated }) => {
  const state = workstationState(scenario);
  const lower = args.map((arg) => arg.toLowerCase());
  if (lower[0] === '/stripchart') {
    const computer = /^\/computer:(.+)$/i.exec(args.find((arg) => /^\/computer:/i.test(arg)) ?? '')?.[1];
    const samples = Math.min(
      10,
      Number(/^\/samples:(\d+)$/.exec(lower.find((arg) => arg.startsWith('/samples:')) ?? '')?.[1] ?? '3'),
    );
    const dc = domainControllerOf(scenario);
    if (!computer || dc === null || !dc.reachable || computer.toLowerCase() !== dc.name.toLowerCase()) {
      const lines = [
        `Tracking ${computer ?? '(none)'} [0.0.0.0:123].`,
        `Collecting ${samples} samples.`,
        'The current time is 11/28/2022 1:35:12 AM.',
      ];
      for (let i = 0; i < samples; i += 1)
        lines.push(`01:35:${String(12 + 2 * i).padStart(2, '0')}, error: 0x800705B4`);
      return { exitCode: 0, stdout: [...lines, ''].join(crlf), stderr: '' };
    }
    const lines = [
      `Tracking ${dc.name} [${dc.address}:123].`,
      `Collecting ${samples} samples.`,
      'The current time is 11/28/2022 1:35:12 AM.',
    ];
    for (let i = 0; i < samples; i += 1)
      lines.push(`01:35:${String(12 + 2 * i).padStart(2, '0')}, ${formatOffset(state.clockOffsetSeconds)}`);
    return { exitCode: 0, stdout: [...lines, ''].join(crlf), stderr: '' };
  }
  if (lower[0] === '/resync') {
    if (!elevated) {
      return {
        exitCode: 5,
        stdout: '',
        stderr: `The following error occurred: Access is denied. (0x80070005)${crlf}`,
      };
    }
    const dc = domainControllerOf(scenario);
    if (dc === null || !dc.reachable) {
      return {
        exitCode: 1,
        stdout: `Sending resync command to local computer${crlf}The computer did not resync because no time data was available.${crlf}`,
        stderr: '',
      };
    }
    state.clockOffsetSeconds = 0;
    return {
      exitCode: 0,
      stdout: `Sending resync command to local computer${crlf}The command completed successfully.${crlf}`,
      stderr: '',
    };
  }
  return { exitCode: 87, stdout: '', stderr: `The parameter is incorrect. (0x80070057)${crlf}` };
};
