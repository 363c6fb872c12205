/**
 * Whether a change plan (or the journal entry it became) can be undone: a tool operation with
 * `undo: null` cannot (a deleted saved password is gone; `klist purge` and a clock resync have
 * nothing to put back). The views use this so no screen offers an undo the runner would refuse.
 */
import type { ChangeOperation } from './change-plan.js';

/** The plain-words descriptions of the operations that cannot be undone (empty: all can). */
export function irreversibleChanges(operations: readonly ChangeOperation[]): string[] {
  return operations.flatMap((operation) =>
    operation.op === 'tool.run' && operation.undo === null ? [operation.describe] : [],
  );
}
