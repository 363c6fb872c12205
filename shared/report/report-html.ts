/**
 * The report as one self-contained HTML file: inline CSS, no scripts, no external resources
 * (its own CSP forbids them), raw evidence in <details> so it expands without JavaScript.
 * Every value from the diagnosis is HTML-escaped. The file is opened by people outside the
 * app (IT, a ticket system), so it explains its Windows terms in a short glossary.
 */
import { getCause } from '../causes/cause-catalog.js';
import type { WireEvidence } from '../model/evidence.js';
import type { JournalEntry } from '../model/journal.js';
import { recheckProves, takesEffectAfter } from '../model/restart-required.js';
import { glossary } from '../wizard/glossary.js';
import { confidenceLabels, probePhaseLabels, scopeLabels, symptomLabel } from '../wizard/plain-labels.js';
import { beforeLabel, causeOutcomeLabels, compareCauses, fixedEverything } from './cause-comparison.js';
import type { ReportDocument } from './report-document.js';
import { reportHandshake } from './report-handshake.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const changeStateLabels: Readonly<Record<JournalEntry['state'], string>> = {
  pending: 'Interrupted before it finished',
  applied: 'Applied',
  failed: 'Failed and rolled back',
  undone: 'Undone',
};

/**
 * The report's one stylesheet. Exported because the app's CSP allows exactly this inline style
 * by its hash (electron/harness/content-security-policy.ts): the web harness prints the report
 * from a sandboxed frame, which inherits the app page's policy.
 */
export const reportStyleSheet = `
body{font-family:'Segoe UI',system-ui,sans-serif;line-height:1.5;max-width:60rem;margin:0 auto;padding:1.5rem;color:#1b1b1f;background:#fff}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{border-bottom:1px solid #c9c9d1;padding-bottom:.25rem;margin-top:2rem}
.meta{color:#4a4a55;margin:.1rem 0}.finding{border:1px solid #c9c9d1;border-left:4px solid #a4161a;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
.badge{display:inline-block;border:1px solid #c9c9d1;border-radius:999px;padding:0 .5rem;font-size:.85rem;margin-right:.25rem}
pre{white-space:pre-wrap;word-break:break-word;border:1px solid #c9c9d1;padding:.5rem;border-radius:4px;font-size:.85rem;background:#f4f5f8}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #c9c9d1;padding:.3rem .6rem;text-align:left;vertical-align:top}
.notice{border:1px solid #0b5cad;padding:.5rem 1rem;border-radius:6px}dt{font-weight:600}dd{margin:0 0 .5rem 1rem}
@media print{h2{break-after:avoid}.finding,tr{break-inside:avoid}}
`;

function evidenceHtml(item: WireEvidence): string {
  const raw = item.raw
    .map(
      (output) =>
        `<p class="meta"><code>${escapeHtml(output.label)}</code></p><pre>${escapeHtml(output.text)}</pre>`,
    )
    .join('');
  // Open: the same file is printed to PDF, and a printed <details> shows only its summary.
  return `<li><p>${escapeHtml(item.summary)}</p>${raw ? `<details open><summary>What Windows said</summary>${raw}</details>` : ''}</li>`;
}

/** Saved after a fix: the checks run again after the change, cause by cause. */
function recheckHtml(report: ReportDocument): string {
  const { recheck } = report;
  if (!recheck) return '';
  const change = report.changes.find((entry) => entry.id === recheck.entryId);
  const comparisons = compareCauses(report.diagnosis, recheck.diagnosis);
  const rows = comparisons
    .map(
      (comparison) =>
        `<tr data-cause="${escapeHtml(comparison.cause)}" data-outcome="${comparison.outcome}"><td>${escapeHtml(comparison.title)}</td><td>${escapeHtml(beforeLabel(comparison))}</td><td>${escapeHtml(causeOutcomeLabels[comparison.outcome])}</td></tr>`,
    )
    .join('');
  // A change read only at a restart (http.sys limits, the loopback-check list) is never called
  // fixed before it: the checks prove the value is in place, not that sign-in works.
  const restart = change?.restartRequired;
  const verdict = restart
    ? `Result: ${takesEffectAfter(restart)}. ${recheckProves(restart)}`
    : fixedEverything(comparisons)
      ? 'Result: fixed — every cause found before is gone.'
      : 'Result: a problem remains after the change.';
  return `<section class="recheck"><h2>Checked again after the change</h2>
<p>After ${change ? `“${escapeHtml(change.title)}”` : 'the change'}${recheck.ticketsPurged ? ' and clearing the Kerberos tickets of this computer' : ''}, IWA Doctor ran the same checks again by itself (${escapeHtml(recheck.diagnosis.finishedAt)}).</p>
<p><strong>${verdict}</strong></p>
<table><thead><tr><th scope="col">Cause</th><th scope="col">Before the change</th><th scope="col">After the change</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

export function renderReportHtml(report: ReportDocument): string {
  const { diagnosis } = report;
  const evidenceById = new Map(diagnosis.evidence.map((item) => [item.id, item]));
  const findings = diagnosis.findings
    .map((finding) => {
      const evidence = finding.evidence.flatMap((id) => evidenceById.get(id) ?? []);
      const remedies = finding.remedies
        .map(
          (remedy) =>
            `<li>${escapeHtml(remedy.title)} <span class="badge">${escapeHtml(scopeLabels[remedy.scope])}</span>${remedy.available ? '' : ` — ${escapeHtml(remedy.unavailableReason ?? 'not available here')}`}</li>`,
        )
        .join('');
      return `<section class="finding" data-cause="${escapeHtml(finding.cause)}">
<h3>${escapeHtml(finding.title)}</h3>
<p class="meta"><span class="badge">${escapeHtml(confidenceLabels[finding.confidence])}</span> cause <code>${escapeHtml(finding.cause)}</code>, reference ${escapeHtml(getCause(finding.cause).reference)}</p>
<p>${escapeHtml(finding.explanation)}</p>
${finding.browsers ? `<p class="meta">Browsers affected: ${escapeHtml(finding.browsers)}</p>` : ''}
<h4>Evidence</h4><ul>${evidence.map(evidenceHtml).join('')}</ul>
${remedies ? `<h4>Fix</h4><ul>${remedies}</ul>` : ''}
</section>`;
    })
    .join('\n');

  const ruledOut = diagnosis.ruledOut
    .map((item) => `<li>${escapeHtml(item.summary)} <code>${escapeHtml(item.cause)}</code></li>`)
    .join('');
  const probes = diagnosis.probes
    .map(
      (probe) =>
        `<tr><td>${escapeHtml(probe.title)}</td><td>${escapeHtml(probePhaseLabels[probe.status])}</td><td>${escapeHtml(probe.message ?? '')}</td></tr>`,
    )
    .join('');
  const handshake = reportHandshake(diagnosis.target.url, diagnosis.evidence);
  const handshakeHtml = handshake
    ? `<h2>The sign-in, step by step</h2><p>${escapeHtml(handshake.summary)}</p><table><thead><tr><th scope="col">Step</th><th scope="col">From → to</th><th scope="col">What</th><th scope="col">Details</th></tr></thead><tbody>${handshake.legs
        .map((leg) => {
          const name = (party: string) =>
            handshake.participants.find((participant) => participant.id === party)?.label ?? party;
          return `<tr><td>${leg.step}</td><td>${escapeHtml(name(leg.from))} → ${escapeHtml(name(leg.to))}</td><td>${escapeHtml(leg.label)}</td><td>${escapeHtml(leg.detail ?? '')}</td></tr>`;
        })
        .join('')}</tbody></table>`
    : '';
  const changes = report.changes
    .map(
      (entry) =>
        `<li><p><strong>${escapeHtml(entry.title)}</strong> — ${escapeHtml(changeStateLabels[entry.state])} <span class="badge">${escapeHtml(scopeLabels[entry.scope])}</span></p><p class="meta">${escapeHtml(entry.machine)}, ${escapeHtml(entry.createdAt)}${entry.undoneAt ? `, undone ${escapeHtml(entry.undoneAt)}` : ''}</p><pre>${escapeHtml(entry.exactChange.join('\n'))}</pre></li>`,
    )
    .join('');
  const terms = glossary
    .map(
      (term) =>
        `<dt>${escapeHtml(term.term)}${term.expansion ? ` (${escapeHtml(term.expansion)})` : ''}</dt><dd>${escapeHtml(term.meaning)}${term.otherForms ? ` Also written: ${escapeHtml(term.otherForms.join(', '))}.` : ''}</dd>`,
    )
    .join('');

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>IWA Doctor report — ${escapeHtml(diagnosis.target.url)}</title>
<style>${reportStyleSheet}</style></head>
<body>
<h1>IWA Doctor report</h1>
<p class="meta">Address: <strong>${escapeHtml(diagnosis.target.url)}</strong></p>
<p class="meta">What the person saw: ${escapeHtml(symptomLabel(diagnosis.target.symptom))}</p>
<p class="meta">Checked on ${escapeHtml(diagnosis.host.machine)}${diagnosis.host.kind === 'scenario' ? ' (a simulated machine)' : ''}, ${escapeHtml(diagnosis.finishedAt)}; IWA Doctor ${escapeHtml(report.appVersion)}</p>
<p class="notice">${report.secretsIncluded ? 'This report contains sign-in tokens and other secrets. Share it only with people you trust.' : 'Sign-in tokens, passwords and other secrets were removed from this report.'}</p>
<h2>${diagnosis.findings.length === 0 ? 'No cause found' : `What we found${report.recheck ? ' before the change' : ''} (${diagnosis.findings.length})`}</h2>
${findings}
${recheckHtml(report)}
${handshakeHtml}
<h2>What we ruled out</h2>${ruledOut ? `<ul>${ruledOut}</ul>` : '<p>Nothing was ruled out.</p>'}
<h2>Checks that ran</h2><table><thead><tr><th scope="col">Check</th><th scope="col">Result</th><th scope="col">Note</th></tr></thead><tbody>${probes}</tbody></table>
<h2>Changes IWA Doctor made</h2>${changes ? `<ol>${changes}</ol>` : '<p>None.</p>'}
<h2>Words used in this report</h2><dl>${terms}</dl>
</body></html>
`;
}
