/** Step 3: what was found, why, the evidence, and the fixes on offer; then what was ruled out. */
import type { Diagnosis } from '../../../shared/model/diagnosis.js';
import { useWizard } from '../store/store-context.js';
import { EvidenceList } from './evidence-list.js';
import { ScopeBadge } from './scope-badge.js';

export function FindingsView({
  diagnosis,
  notice,
  error,
  readOnly = false,
}: {
  readonly diagnosis: Diagnosis;
  readonly notice?: string | undefined;
  readonly error?: string | undefined;
  /** A saved report under review: its fixes belonged to another moment (and maybe another machine), so none are offered. */
  readonly readOnly?: boolean;
}) {
  const busy = useWizard((state) => state.busy);
  const previewRemedy = useWizard((state) => state.previewRemedy);
  const startOver = useWizard((state) => state.startOver);
  const runDiagnosis = useWizard((state) => state.runDiagnosis);
  const evidenceById = new Map(diagnosis.evidence.map((item) => [item.id, item]));
  const failedProbes = diagnosis.probes.filter((probe) => probe.status !== 'ok');
  return (
    <section aria-labelledby="findings-heading" className="step">
      <h2 id="findings-heading">
        {diagnosis.findings.length === 0 ? 'No cause found' : diagnosis.findings.length === 1 ? 'We found the cause' : `We found ${diagnosis.findings.length} causes`}
      </h2>
      <p className="hint">
        {diagnosis.target.url} on {diagnosis.host.machine}
      </p>
      {notice ? (
        <p role="status" className="notice">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {failedProbes.length > 0 ? (
        <ul className="probe-problems">
          {failedProbes.map((probe) => (
            <li key={probe.probe}>
              Could not check: {probe.title} ({probe.message ?? probe.status})
            </li>
          ))}
        </ul>
      ) : null}
      {diagnosis.findings.map((finding) => (
        <article key={finding.cause} className="finding" data-cause={finding.cause} aria-labelledby={`finding-${finding.cause}`}>
          <h3 id={`finding-${finding.cause}`}>{finding.title}</h3>
          <p className="finding-meta">
            <span className="badge">{finding.confidence}</span> <code>{finding.cause}</code>
          </p>
          <p>{finding.explanation}</p>
          {finding.browsers ? <p className="hint">Applies to: {finding.browsers}</p> : null}
          <h4>Evidence</h4>
          <EvidenceList evidence={finding.evidence.flatMap((id) => evidenceById.get(id) ?? [])} />
          {(readOnly ? [] : finding.remedies).map((remedy) => (
            <div key={remedy.offerId} className="remedy">
              <ScopeBadge scope={remedy.scope} />
              {remedy.available ? (
                <button type="button" className="primary" disabled={busy} onClick={() => void previewRemedy(remedy.offerId)}>
                  {remedy.title}
                </button>
              ) : (
                <p className="hint">{remedy.unavailableReason}</p>
              )}
            </div>
          ))}
        </article>
      ))}
      {diagnosis.ruledOut.length > 0 ? (
        <details className="ruled-out">
          <summary>What we ruled out ({diagnosis.ruledOut.length})</summary>
          <ul>
            {diagnosis.ruledOut.map((item) => (
              <li key={`${item.cause}-${item.summary}`} data-cause={item.cause}>
                {item.summary}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <div className="actions">
        {readOnly ? null : (
          <button type="button" disabled={busy} onClick={() => void runDiagnosis()}>
            Check again
          </button>
        )}
        <button type="button" onClick={startOver}>
          Start over
        </button>
      </div>
    </section>
  );
}
