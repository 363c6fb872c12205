/**
 * One cause, as Status / Details / Remediation: how sure we are, why it makes the person see
 * what they see, which browsers it touches, the evidence (raw output on demand) and the fixes
 * with who may apply them. From a saved report the fixes are listed but never offered.
 */
import type { WireEvidence } from '../../../shared/model/evidence.js';
import type { Finding } from '../../../shared/model/finding.js';
import { getCause } from '../../../shared/causes/cause-catalog.js';
import { confidenceLabels } from '../../../shared/wizard/plain-labels.js';
import { useWizard } from '../store/store-context.js';
import { AdminHandoffButton } from './admin-handoff-button.js';
import { EvidenceList } from './evidence-list.js';
import { PlainText } from './plain-text.js';
import { ScopeBadge } from './scope-badge.js';

export function FindingCard({
  finding,
  evidence,
  readOnly,
}: {
  readonly finding: Finding;
  readonly evidence: readonly WireEvidence[];
  readonly readOnly: boolean;
}) {
  const busy = useWizard((state) => state.busy);
  const expert = useWizard((state) => state.mode === 'expert');
  const previewRemedy = useWizard((state) => state.previewRemedy);
  const cause = getCause(finding.cause);
  const headingId = `finding-${finding.cause}`;
  return (
    <article
      className={`finding finding-${finding.confidence}`}
      data-cause={finding.cause}
      aria-labelledby={headingId}
    >
      <h3 id={headingId}>
        <PlainText text={finding.title} />
      </h3>
      <p className="finding-meta">
        <span className={`badge badge-confidence badge-confidence-${finding.confidence}`}>
          How sure: {confidenceLabels[finding.confidence]}
        </span>
        {expert ? (
          <span className="hint">
            {' '}
            cause <code>{finding.cause}</code>, reference {cause.reference}
          </span>
        ) : null}
      </p>
      <h4>Why you see this</h4>
      <p>
        <PlainText text={finding.explanation} />
      </p>
      {expert ? <p className="hint">Typical signs of this cause: {cause.symptom}.</p> : null}
      {finding.browsers ? (
        <p>
          <strong>Browsers affected:</strong> {finding.browsers}
        </p>
      ) : null}
      <h4>How we know</h4>
      <EvidenceList evidence={evidence} expert={expert} />
      <h4>How to fix it</h4>
      {finding.remedies.length === 0 ? (
        <p className="hint">
          Nothing on this computer can be changed to fix this; the explanation above says who can.
        </p>
      ) : null}
      {finding.remedies.map((remedy) => (
        <div key={remedy.offerId} className="remedy" data-remedy={remedy.remedy}>
          <ScopeBadge scope={remedy.scope} />
          {readOnly ? (
            <p className="remedy-text">
              {remedy.title} (offered when the report was made; open IWA Doctor on that computer to apply it)
            </p>
          ) : remedy.available ? (
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void previewRemedy(remedy.offerId)}
            >
              {remedy.title}
            </button>
          ) : (
            <p className="remedy-text">
              {remedy.title}:{' '}
              <PlainText text={remedy.unavailableReason ?? 'not possible from this computer'} />
            </p>
          )}
          {readOnly ? null : <AdminHandoffButton finding={finding} remedy={remedy} />}
          {expert ? (
            <code className="hint">
              {remedy.remedy} ({remedy.offerId})
            </code>
          ) : null}
        </div>
      ))}
    </article>
  );
}
