/** Who may apply a fix, in words people use. */
import type { RemedyScope } from '../../../shared/causes/cause-catalog.js';

const scopeLabels: Record<RemedyScope, string> = {
  none: 'Nothing to change',
  user: 'You can do this',
  machine: 'Needs an administrator of this PC',
  iis: 'Needs the IIS administrator',
  domain: 'Needs a domain administrator',
};

export function ScopeBadge({ scope }: { readonly scope: RemedyScope }) {
  return <span className={`badge badge-scope badge-scope-${scope}`}>{scopeLabels[scope]}</span>;
}
