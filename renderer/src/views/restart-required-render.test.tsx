/**
 * A change that takes effect only after a restart (http.sys limits, BackConnectionHostNames)
 * is never called fixed: the verified step and the History say "Applied; takes effect after …",
 * and the re-check says what it proved (the value is in place) and what it could not (sign-in).
 */
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../../shared/model/diagnosis.js';
import type { JournalEntry } from '../../../shared/model/journal.js';
import { WizardStoreContext } from '../store/store-context.js';
import { createWizardStore, type WizardState } from '../store/wizard-store.js';
import type { WizardStep } from '../store/wizard-steps.js';
import { HistoryView } from './history-view.js';
import { WizardView } from './wizard-view.js';

const target = { url: 'https://web01.contoso.com/', symptom: 'http-400' } as const;

function diagnosis(causes: readonly ('kerberos-token-too-large' | 'loopback-check')[]): Diagnosis {
  return {
    runId: 'r',
    target,
    host: { kind: 'scenario', machine: 'WEB01' },
    startedAt: '2026-11-22T02:00:00.000Z',
    finishedAt: '2026-11-22T02:00:01.000Z',
    probes: [],
    evidence: [],
    ruledOut: [],
    findings: causes.map((cause) => ({
      cause,
      confidence: 'confirmed' as const,
      title: cause,
      explanation: '',
      evidence: [],
      remedies: [],
    })),
  };
}

function entry(
  restart: JournalEntry['restartRequired'],
  state: JournalEntry['state'] = 'applied',
): JournalEntry {
  return {
    id: 'e1',
    remedy: 'machine.httpsys-limits',
    title: 'Raise the http.sys header limits',
    scope: 'machine',
    targetUrl: target.url,
    machine: 'scenario:kerberos-token-too-large',
    exactChange: [
      'reg add "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters" /v MaxFieldLength /t REG_DWORD /d 64200 /f',
    ],
    needsElevation: true,
    operations: [],
    state,
    createdAt: '2026-11-22T02:00:02.000Z',
    ...(restart ? { restartRequired: restart } : {}),
  };
}

function render(element: ReactElement, state: Partial<WizardState>): string {
  const store = createWizardStore(() => Promise.reject(new Error('no engine in this test')));
  store.setState(state);
  const rendered = { ...store, getInitialState: store.getState };
  return renderToStaticMarkup(
    <WizardStoreContext.Provider value={rendered}>{element}</WizardStoreContext.Provider>,
  );
}

function verified(journalEntry: JournalEntry): string {
  const step: WizardStep = {
    kind: 'verified',
    before: diagnosis(['kerberos-token-too-large']),
    after: diagnosis([]),
    entry: journalEntry,
  };
  return render(<WizardView />, { step });
}

const text = (html: string): string =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&');

describe('a change that needs a restart', () => {
  it('is "applied; takes effect after the HTTP service restarts", with what the re-check proved and could not', () => {
    const html = verified(
      entry({ what: 'http-service', setting: 'the http.sys limits (MaxFieldLength, MaxRequestBytes)' }),
    );
    expect(html).toMatch(
      /<h2 id="verified-heading" tabindex="-1">Applied; takes effect after the HTTP service restarts<\/h2>/,
    );
    expect(html).not.toContain('Fixed');
    const said = text(html);
    expect(said).toContain(
      'The checks ran again and read the http.sys limits (MaxFieldLength, MaxRequestBytes) back: the change is in place.',
    );
    expect(said).toContain(
      'They cannot prove that sign-in works yet: http.sys reads it only when the HTTP service starts',
    );
    expect(said).toContain('"net stop http /y", then "net start http" and "net start w3svc"');
    expect(said).not.toContain('Close every browser window');
  });

  it('for BackConnectionHostNames: after this server restarts', () => {
    const html = verified(entry({ what: 'server', setting: 'BackConnectionHostNames' }));
    expect(html).toContain('Applied; takes effect after this server restarts</h2>');
    expect(text(html)).toContain(
      'Windows reads it only when the server starts, so it takes effect after this server restarts.',
    );
  });

  it('a change that takes effect at once is still "Fixed" when the checks pass', () => {
    expect(verified(entry(undefined))).toContain('Fixed: the checks pass now</h2>');
  });

  it('the History says it too, until it is undone', () => {
    const restart = { what: 'http-service', setting: 'the http.sys limits' } as const;
    const applied = text(render(<HistoryView />, { journal: [entry(restart)] }));
    expect(applied).toContain(
      'Raise the http.sys header limits for https://web01.contoso.com/ on scenario:kerberos-token-too-large: Applied; takes effect after the HTTP service restarts',
    );
    const undone = text(render(<HistoryView />, { journal: [entry(restart, 'undone')] }));
    expect(undone).toContain(': Undone');
    expect(undone).not.toContain('takes effect after');
  });
});
