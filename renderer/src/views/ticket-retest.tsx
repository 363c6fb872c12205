/**
 * After an SPN change (issue 6): Windows keeps the Kerberos tickets it already has, so the
 * change may not show until they expire. This clears them (klist purge) and runs the checks
 * again, shown beside the before/after of the change itself.
 */
import type { Diagnosis } from '../../../shared/model/diagnosis.js';
import { useWizard } from '../store/store-context.js';

function state(diagnosis: Diagnosis, cause: string): string {
  return diagnosis.findings.some((finding) => finding.cause === cause) ? 'Found' : 'Not found';
}

export function TicketRetest() {
  const step = useWizard((current) => current.step);
  const busy = useWizard((current) => current.busy);
  const purgeTicketsAndRetest = useWizard((current) => current.purgeTicketsAndRetest);
  if (step.kind !== 'verified' || step.entry.scope !== 'domain') return null;
  const { before, after, retest } = step;
  const causes = [
    ...new Map(
      [...before.findings, ...after.findings, ...(retest?.after.findings ?? [])].map((finding) => [
        finding.cause,
        finding,
      ]),
    ).values(),
  ];
  return (
    <section aria-labelledby="ticket-retest-heading" className="ticket-retest">
      <h3 id="ticket-retest-heading">Old Kerberos tickets</h3>
      <p>
        This computer may still hold Kerberos tickets (the sign-in passes Windows gets from a domain
        controller) issued before the SPN changed. Clearing them with <code>klist purge</code> makes the next
        sign-in ask for a new one. Do the same on every computer where the browser prompted.
      </p>
      {retest ? (
        <>
          <p role="status" className="notice">
            {retest.purge}
          </p>
          <table className="before-after" data-testid="ticket-retest">
            <caption>Before the change, after it, and after clearing the tickets</caption>
            <thead>
              <tr>
                <th scope="col">Cause</th>
                <th scope="col">Before</th>
                <th scope="col">After the change</th>
                <th scope="col">After klist purge</th>
              </tr>
            </thead>
            <tbody>
              {causes.map((finding) => (
                <tr key={finding.cause} data-cause={finding.cause}>
                  <th scope="row">{finding.title}</th>
                  <td>{state(before, finding.cause)}</td>
                  <td>{state(after, finding.cause)}</td>
                  <td>{state(retest.after, finding.cause)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void purgeTicketsAndRetest()}
        >
          Clear this computer’s Kerberos tickets and test again
        </button>
      )}
    </section>
  );
}
