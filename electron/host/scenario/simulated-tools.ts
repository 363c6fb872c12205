/**
 * Which simulated tool answers which allow-listed executable. A tool absent here is
 * "not installed" on the simulated machine (the host reports could-not-run).
 * Add one line per simulator file in ./tools/.
 */
import type { AllowedTool } from '../host.js';
import type { SimulatedTool } from './simulated-tool.js';
import { simulatedAppcmd } from './tools/appcmd.js';
import { simulatedCmdkey } from './tools/cmdkey.js';
import { simulatedKlist } from './tools/klist.js';
import { simulatedNltest } from './tools/nltest.js';
import { simulatedSetspn } from './tools/setspn.js';
import { simulatedW32tm } from './tools/w32tm.js';

export const simulatedTools: Partial<Record<AllowedTool, SimulatedTool>> = {
  setspn: simulatedSetspn,
  appcmd: simulatedAppcmd,
  klist: simulatedKlist,
  cmdkey: simulatedCmdkey,
  nltest: simulatedNltest,
  w32tm: simulatedW32tm,
};
