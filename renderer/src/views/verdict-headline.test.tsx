/**
 * The server verdict as the findings page's headline, rendered without a browser: the ✓ line
 * of a healthy server is on the page itself (not only inside the collapsed "ruled out" list),
 * and a broken chain marks the link that breaks.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../../shared/model/diagnosis.js';
import type { Verdict } from '../../../shared/model/verdict.js';
import { WizardStoreContext } from '../store/store-context.js';
import { createWizardStore } from '../store/wizard-store.js';
import { WizardView } from './wizard-view.js';

const healthyLinks = [
  'Browsers ask for HTTP/web01.contoso.com',
  'registered on CONTOSO\\svc-web',
  'pool AppPool1 runs as CONTOSO\\svc-web',
  'kernel mode on, useAppPoolCredentials true',
  'Kerberos can be decrypted ✓',
];

function diagnosisWith(verdict: Verdict | undefined): Diagnosis {
  return {
    runId: 'r',
    target: { url: 'https://web01.contoso.com/', symptom: 'http-401' },
    host: { kind: 'scenario', machine: 'WEB01' },
    startedAt: '2026-11-22T02:00:00.000Z',
    finishedAt: '2026-11-22T02:00:01.000Z',
    probes: [],
    evidence: [],
    findings: [],
    ruledOut: [{ cause: 'spn-wrong-account', summary: healthyLinks.join(' → '), evidence: [] }],
    ...(verdict ? { verdict } : {}),
  };
}

function renderFindings(diagnosis: Diagnosis): string {
  const store = createWizardStore(() => Promise.reject(new Error('no engine in this test')));
  store.setState({ step: { kind: 'findings', diagnosis } });
  const rendered = { ...store, getInitialState: store.getState };
  return renderToStaticMarkup(
    <WizardStoreContext.Provider value={rendered}>
      <WizardView />
    </WizardStoreContext.Provider>,
  );
}

/** The page's text without the collapsed "What we ruled out" list (glossary marks and other tags removed). */
function textOutsideRuledOut(html: string): string {
  return html.replace(/<details class="ruled-out">[\s\S]*?<\/details>/, '').replace(/<[^>]+>/g, '');
}

describe('verdict headline', () => {
  it('shows the healthy ✓ line on the page, not only among what was ruled out', () => {
    const html = renderFindings(
      diagnosisWith({ links: healthyLinks, brokenLink: null, cause: null, complete: true }),
    );
    expect(html).toContain('<section aria-labelledby="verdict-heading" class="verdict" data-state="holds">');
    expect(html).not.toContain('data-broken');
    const visible = textOutsideRuledOut(html);
    expect(visible).toContain('Kerberos can work for this site: every link holds.');
    expect(visible).toContain(healthyLinks.join(' → '));
  });

  it('marks the link that breaks', () => {
    const html = renderFindings(
      diagnosisWith({
        links: [
          'Browsers ask for HTTP/web01',
          'served by HOST/web01 on CONTOSO\\WEB01$',
          'but CONTOSO\\svc-web decrypts ✗',
        ],
        brokenLink: 2,
        cause: 'spn-netbios-missing',
        complete: true,
      }),
    );
    expect(html).toContain('data-state="broken"');
    expect(html).toContain('Kerberos breaks at the marked link:');
    expect(html).toMatch(
      /<span data-link="2" data-broken="true"> → <strong>but CONTOSO\\svc-web decrypts ✗<\/strong><\/span>/,
    );
    expect(html).toMatch(/<span data-link="1"> → served by HOST\/web01 on CONTOSO\\WEB01\$<\/span>/);
  });

  it('shows nothing for a diagnosis without a verdict (workstation checks, older reports)', () => {
    expect(renderFindings(diagnosisWith(undefined))).not.toContain('verdict-heading');
  });
});
