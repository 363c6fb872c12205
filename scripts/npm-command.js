// How to run npm itself as a child with an argument array and no shell. Under `npm run …`,
// npm names its own entry script (npm_execpath); elsewhere `npm` is on the PATH, except on
// Windows, where it is npm.cmd, which Node no longer starts without a shell: there npm's own
// script beside node.exe is used.
import { dirname, join } from 'node:path';

/**
 * @param {readonly string[]} args
 * @returns {{ command: string, args: string[] }}
 */
export function npmCommand(args) {
  const npmScript = process.env['npm_execpath'];
  if (npmScript && /npm-cli\.c?js$/.test(npmScript))
    return { command: process.execPath, args: [npmScript, ...args] };
  if (process.platform === 'win32')
    return {
      command: process.execPath,
      args: [join(dirname(process.execPath), 'node_modules', 'npm', 'bin', 'npm-cli.js'), ...args],
    };
  return { command: 'npm', args: [...args] };
}
