/**
 * Which processes still belong to a lab: every lab daemon is started with the lab's temp
 * directory in its environment or command line, so scanning /proc for that path finds leftovers
 * without trusting our own bookkeeping. Used by tests to prove `stop()` leaves nothing behind.
 */
import { readdirSync, readFileSync } from 'node:fs';

export function processesReferencing(path: string): number[] {
  const found: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return found; // not Linux: nothing to inspect
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    for (const file of ['environ', 'cmdline']) {
      try {
        if (readFileSync(`/proc/${entry}/${file}`, 'latin1').includes(path)) {
          found.push(pid);
          break;
        }
      } catch {
        // gone meanwhile, or not ours to read
      }
    }
  }
  return found;
}
