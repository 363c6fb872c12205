/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (each is a standalone script that
 * prints its own closing line), then repeats those closing lines together at the end.
 * Speed is measured here, never by timed assertions in tests.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const directory = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(directory)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((wanted) => name.startsWith(wanted)))
  .sort();

const closingLines: string[] = [];
let failed = false;
for (const bench of benches) {
  console.log(`\n=== ${bench}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', `${directory}${bench}`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.stdout.write(result.stdout);
  if (result.status !== 0) failed = true;
  const last = result.stdout.trim().split('\n').at(-1);
  if (last) closingLines.push(last);
}
console.log('\n=== summary');
for (const line of closingLines) console.log(line);
process.exitCode = failed ? 1 : 0;
