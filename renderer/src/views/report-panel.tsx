/**
 * Hand the result over: a self-contained HTML file, a PDF, the JSON that opens again in
 * IWA Doctor, or a few lines for a ticket. Secrets stay out unless the person ticks the box;
 * a saved report under review keeps whatever it was saved with.
 */
import { useId } from 'react';
import { useWizard } from '../store/store-context.js';

export function ReportPanel({ review = false }: { readonly review?: boolean }) {
  const includeSecrets = useWizard((state) => state.includeSecrets);
  const reportStatus = useWizard((state) => state.reportStatus);
  const setIncludeSecrets = useWizard((state) => state.setIncludeSecrets);
  const exportReport = useWizard((state) => state.exportReport);
  const copySummary = useWizard((state) => state.copySummary);
  const secretsId = useId();
  const secretsHintId = useId();
  return (
    <section aria-labelledby="report-heading" className="report-panel">
      <h3 id="report-heading">Report for IT</h3>
      {review ? null : (
        <div className="field">
          <label className="choice" htmlFor={secretsId}>
            <input
              id={secretsId}
              type="checkbox"
              checked={includeSecrets}
              aria-describedby={secretsHintId}
              onChange={(event) => setIncludeSecrets(event.target.checked)}
            />
            Include sign-in tokens and other secrets
          </label>
          <p id={secretsHintId} className="hint">
            {includeSecrets
              ? 'The report will contain sign-in tokens. Anyone who has it may learn about your account: send it only to IT staff you trust.'
              : 'Sign-in tokens, passwords and other secrets are removed from the report (recommended).'}
          </p>
        </div>
      )}
      <div className="actions">
        <button type="button" onClick={() => void exportReport('html')}>
          Save the report (web page)
        </button>
        <button type="button" onClick={() => void exportReport('pdf')}>
          Save as PDF
        </button>
        <button type="button" onClick={() => void exportReport('json')}>
          Save for IWA Doctor (JSON)
        </button>
        <button type="button" onClick={() => void copySummary()}>
          Copy summary for IT
        </button>
      </div>
      <p role="status" className="report-status">
        {reportStatus}
      </p>
    </section>
  );
}
