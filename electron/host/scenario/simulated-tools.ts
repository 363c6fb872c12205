/**
 * Which simulated tool answers which allow-listed executable. A tool absent here is
 * "not installed" on the simulated machine (the host reports could-not-run).
 * Add one line per simulator file in ./tools/.
 */
import type { AllowedTool } from '../host.js';
import type { SimulatedTool } from './simulated-tool.js';

export const simulatedTools: Partial<Record<AllowedTool, SimulatedTool>> = {};
