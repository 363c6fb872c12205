/** Who may apply a fix, in words people use (the same words as the report). */
import type { RemedyScope } from '../../../shared/causes/cause-catalog.js';
import { scopeLabels } from '../../../shared/wizard/plain-labels.js';

export function ScopeBadge({ scope }: { readonly scope: RemedyScope }) {
  return (
    <span className={`badge badge-scope badge-scope-${scope}`}>
      <span className="visually-hidden">Who can do this: </span>
      {scopeLabels[scope]}
    </span>
  );
}
