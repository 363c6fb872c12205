/**
 * The changes IWA Doctor made for the address on screen, on the machine on screen, that are
 * still in place and can be undone, each with its undo: so a fix can be taken back from the
 * findings of a later check too, not only from the step right after it or from the History.
 * Changes that cannot be undone (a deleted saved password, `klist purge`) and changes made on
 * another machine stay in the History only: the runner would refuse their undo.
 */
import { irreversibleChanges } from '../../../shared/model/change-reversibility.js';
import type { HostDescription } from '../../../shared/model/diagnosis.js';
import { journalMachineOf } from '../../../shared/model/journal-machine.js';
import { useWizard } from '../store/store-context.js';

export function ChangesForAddress({ url, host }: { readonly url: string; readonly host: HostDescription }) {
  const journal = useWizard((state) => state.journal);
  const busy = useWizard((state) => state.busy);
  const undo = useWizard((state) => state.undo);
  const machine = journalMachineOf(host);
  const undoable = journal.filter(
    (entry) =>
      entry.state === 'applied' &&
      entry.targetUrl === url &&
      entry.machine === machine &&
      irreversibleChanges(entry.operations.map(({ operation }) => operation)).length === 0,
  );
  if (undoable.length === 0) return null;
  return (
    <section aria-labelledby="changes-heading" className="changes-for-address">
      <h3 id="changes-heading">Changes IWA Doctor made for this address</h3>
      <ul>
        {undoable.map((entry) => (
          <li key={entry.id} data-entry={entry.id}>
            <span id={`applied-${entry.id}`}>
              {entry.title} (
              <time dateTime={entry.createdAt}>{new Date(entry.createdAt).toLocaleString()}</time>)
            </span>{' '}
            <button
              type="button"
              disabled={busy}
              aria-describedby={`applied-${entry.id}`}
              onClick={() => void undo(entry.id)}
            >
              Undo
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
