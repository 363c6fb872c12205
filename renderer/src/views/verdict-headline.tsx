/**
 * The server verdict as the findings page's headline (issue 6): from the SPN browsers ask for
 * to the account that decrypts, link by link, with the link that breaks marked — or the ✓
 * line when every link holds, visible without opening what was ruled out.
 */
import { verdictHolds, type Verdict } from '../../../shared/model/verdict.js';
import { PlainText } from './plain-text.js';

function summary(verdict: Verdict): string {
  if (verdictHolds(verdict)) return 'Kerberos can work for this site: every link holds.';
  if (verdict.brokenLink !== null) return 'Kerberos breaks at the marked link:';
  return 'The chain could not be followed to the end; the last link says what could not be read:';
}

export function VerdictHeadline({ verdict }: { readonly verdict: Verdict }) {
  const state = verdictHolds(verdict) ? 'holds' : verdict.brokenLink !== null ? 'broken' : 'incomplete';
  return (
    <section aria-labelledby="verdict-heading" className="verdict" data-state={state}>
      <h3 id="verdict-heading">Verdict</h3>
      <p>{summary(verdict)}</p>
      <p className="verdict-line">
        {verdict.links.map((link, index) => (
          <span key={index} data-link={index} data-broken={index === verdict.brokenLink ? 'true' : undefined}>
            {index > 0 ? ' → ' : null}
            {index === verdict.brokenLink ? (
              <strong>
                <PlainText text={link} />
              </strong>
            ) : (
              <PlainText text={link} />
            )}
          </span>
        ))}
      </p>
    </section>
  );
}
