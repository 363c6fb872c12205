/**
 * The machine a journal entry belongs to, named the way the engine names it when it writes the
 * entry ("scenario:<id>" for a simulation, else the computer name), so the views can tell which
 * changes the machine on screen can undo: the runner refuses an undo on another machine.
 */
import type { HostDescription } from './diagnosis.js';

export function journalMachineOf(host: HostDescription): string {
  return host.scenario ? `scenario:${host.scenario.id}` : host.machine;
}
