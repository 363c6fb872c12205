/**
 * Which simulated tool answers which allow-listed executable. A tool absent here is
 * "not installed" on the simulated machine (the host reports could-not-run).
 * Add one line per simulator file in ./tools/.
 */
import type { AllowedTool } from '../host.js';
import type { SimulatedTool } from './simulated-tool.js';
import { simulatedAppcmd } from './tools/appcmd.js';
import { simulatedSetspn } from './tools/setspn.js';

export const simulatedTools: Partial<Record<AllowedTool, SimulatedTool>> = {
  setspn: simulatedSetspn,
  appcmd: simulatedAppcmd,
};
