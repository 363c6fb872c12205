/**
 * Each cause before and after a change (shared/report/cause-comparison.ts): on the verified step
 * and on a saved report opened for review, with the same words as the report file.
 */
import {
  beforeLabel,
  causeOutcomeLabels,
  type CauseComparison,
} from '../../../shared/report/cause-comparison.js';
import { PlainText } from './plain-text.js';

export function BeforeAfterTable({ comparisons }: { readonly comparisons: readonly CauseComparison[] }) {
  return (
    <table className="before-after">
      <caption>Before and after the change</caption>
      <thead>
        <tr>
          <th scope="col">Cause</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {comparisons.map((comparison) => (
          <tr key={comparison.cause} data-cause={comparison.cause} data-outcome={comparison.outcome}>
            <th scope="row">
              <PlainText text={comparison.title} />
            </th>
            <td>{beforeLabel(comparison)}</td>
            <td>{causeOutcomeLabels[comparison.outcome]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
