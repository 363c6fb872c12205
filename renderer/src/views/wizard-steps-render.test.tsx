/**
 * The steps as they render from the store's state, without a browser: a check that cannot run
 * says why, the expert view adds ids and raw facts, a fix that needs an administrator says so
 * before it is applied, and a saved report offers no fix.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ChangePlan } from '../../../shared/model/change-plan.js';
import type { Diagnosis } from '../../../shared/model/diagnosis.js';
import type { JournalEntry } from '../../../shared/model/journal.js';
import { WizardStoreContext } from '../store/store-context.js';
import { createWizardStore, type WizardState } from '../store/wizard-store.js';
import type { WizardStep } from '../store/wizard-steps.js';
import { WizardView } from './wizard-view.js';

const target = { url: 'https://intranet.contoso.com/app', symptom: 'prompt-once-per-session' } as const;
const diagnosis: Diagnosis = {
  runId: 'r',
  target,
  host: { kind: 'scenario', machine: 'WS01' },
  startedAt: '2026-11-22T02:00:00.000Z',
  finishedAt: '2026-11-22T02:00:01.000Z',
  probes: [
    { probe: 'zones:mapping', title: 'Which zone the address falls in', status: 'ok' },
    {
      probe: 'live-sign-in',
      title: 'A real sign-in to the site',
      status: 'unavailable',
      message: 'this computer is not on Windows',
    },
  ],
  evidence: [
    {
      id: 'zone',
      probe: 'zones:mapping',
      kind: 'observation',
      status: 'problem',
      summary: 'The address is in the Internet zone.',
      facts: { zone: 3 },
      raw: [{ label: 'reg query ZoneMap', text: 'https    REG_DWORD    0x3' }],
    },
  ],
  ruledOut: [{ cause: 'proxy-in-path', summary: 'No proxy is used.', evidence: [] }],
  findings: [
    {
      cause: 'spn-missing',
      confidence: 'possible',
      title: 'No SPN is registered for the name the browser uses',
      explanation: 'Kerberos cannot find the site.',
      evidence: [],
      remedies: [],
    },
    {
      cause: 'zone-not-intranet',
      confidence: 'confirmed',
      title: 'Site is not in the Local intranet zone',
      explanation: 'The Internet zone asks for a password.',
      evidence: ['zone'],
      browsers: 'Internet Explorer, Edge and Chrome',
      remedies: [
        {
          offerId: 'offer-1',
          remedy: 'zone.add-to-intranet',
          title: 'Add to Local intranet',
          scope: 'user',
          params: {},
          available: true,
        },
      ],
    },
  ],
};

function render(step: WizardStep, state: Partial<WizardState> = {}): string {
  const store = createWizardStore(() => Promise.reject(new Error('no engine in this test')));
  store.setState({ step, ...state });
  // A server render reads the store's initial state; here that is the state set above.
  const rendered = { ...store, getInitialState: store.getState };
  return renderToStaticMarkup(
    <WizardStoreContext.Provider value={rendered}>
      <WizardView />
    </WizardStoreContext.Provider>,
  );
}

describe('running step', () => {
  it('lists every check with its state in words, and why one cannot run', () => {
    const html = render({
      kind: 'running',
      target,
      runId: 'run-1',
      progress: [
        { probe: 'zones:mapping', title: 'Which zone the address falls in', phase: 'ok' },
        { probe: 'kerberos:tickets', title: 'Your Kerberos tickets', phase: 'running' },
        {
          probe: 'iis:application',
          title: 'How IIS signs people in',
          phase: 'failed',
          message: 'timed out after 30 s',
        },
        {
          probe: 'httpsys:limits',
          title: 'httpsys:limits',
          phase: 'unavailable',
          message: 'this check is not available in this version',
        },
      ],
    });
    expect(html).toContain('3 of 4 checks finished.');
    expect(html).toContain('Which zone the address falls in: <strong>Done</strong>');
    expect(html).toContain('Your Kerberos tickets: <strong>Checking now</strong>');
    expect(html).toContain(
      'How IIS signs people in: <strong>Could not finish</strong><span class="hint"> (timed out after 30 s)</span>',
    );
    expect(html).toContain(
      'A check this version of IWA Doctor cannot do yet: <strong>Could not run here</strong>',
    );
    expect(html).toContain('Stop checking');
    expect(html).not.toContain('<code>');
  });

  it('names the checks by id in the expert view', () => {
    const html = render(
      {
        kind: 'running',
        target,
        runId: 'run-1',
        progress: [{ probe: 'httpsys:limits', title: 'httpsys:limits', phase: 'waiting' }],
      },
      { mode: 'expert' },
    );
    expect(html).toContain('<code>httpsys:limits</code>');
  });
});

describe('findings step', () => {
  it('shows the surest cause first, with confidence, browsers, evidence and the fix with who may apply it', () => {
    const html = render({ kind: 'findings', diagnosis });
    expect(html.indexOf('data-cause="zone-not-intranet"')).toBeLessThan(
      html.indexOf('data-cause="spn-missing"'),
    );
    expect(html).toContain('How sure: Proven');
    expect(html).toContain('How sure: Possible');
    expect(html).toContain('<strong>Browsers affected:</strong> Internet Explorer, Edge and Chrome');
    expect(html).toContain('<summary>What Windows said</summary>');
    expect(html).not.toMatch(/<details open/);
    expect(html).toContain('Who can do this: </span>You can do this');
    expect(html).toMatch(/<button[^>]*class="primary"[^>]*>Add to Local intranet<\/button>/);
    expect(html).toContain('One check could not run, so IWA Doctor cannot rule out what it looks at');
    expect(html).toContain('A real sign-in to the site: this computer is not on Windows');
    expect(html).toContain('<summary>What we ruled out (1)</summary>');
    // Windows terms carry their explanation.
    expect(html).toMatch(/<abbr class="term" title="Service Principal Name: [^"]+">SPN<\/abbr>/);
    // The report keeps secrets out unless the person ticks the box.
    expect(html).toMatch(
      /<input id="[^"]+" type="checkbox" aria-describedby="[^"]+"\/>Include sign-in tokens/,
    );
  });

  it('adds ids, facts and open raw output in the expert view', () => {
    const html = render({ kind: 'findings', diagnosis }, { mode: 'expert' });
    expect(html).toContain('cause <code>zone-not-intranet</code>');
    expect(html).toContain('evidence <code>zone</code>');
    expect(html).toContain('&quot;zone&quot;: 3');
    expect(html).toMatch(/<details open="">\s*<summary>What Windows said<\/summary>/);
    expect(html).toContain('Every check that ran (2)');
  });

  it('lists the changes still in place for this address and machine that can be undone, each with its undo', () => {
    const entry: JournalEntry = {
      id: 'e1',
      remedy: 'zone.add-to-intranet',
      title: 'Add to Local intranet',
      scope: 'user',
      targetUrl: target.url,
      machine: 'scenario:zone-not-intranet',
      exactChange: ['reg add …'],
      needsElevation: false,
      operations: [],
      state: 'applied',
      createdAt: '2026-11-22T02:03:00.000Z',
    };
    const purge: JournalEntry = {
      ...entry,
      id: 'e5',
      remedy: 'kerberos.purge-tickets',
      title: 'Forget cached Kerberos tickets',
      operations: [
        {
          operation: {
            op: 'tool.run',
            run: { tool: 'klist', args: ['purge'] },
            undo: null,
            describe: 'forget the cached Kerberos tickets',
          },
          previous: null,
        },
      ],
    };
    const html = render(
      {
        kind: 'findings',
        diagnosis: {
          ...diagnosis,
          host: { kind: 'scenario', machine: 'WS01', scenario: { id: 'zone-not-intranet', title: 'Zone' } },
          findings: [],
        },
      },
      {
        journal: [
          entry,
          { ...entry, id: 'e2', targetUrl: 'https://other.contoso.com/' },
          { ...entry, id: 'e3', state: 'undone' },
          { ...entry, id: 'e4', machine: 'scenario:proxy-in-path' },
          purge,
        ],
      },
    );
    expect(html).toContain('Changes IWA Doctor made for this address');
    expect(html).toContain('data-entry="e1"');
    for (const other of ['e2', 'e3', 'e4', 'e5']) expect(html).not.toContain(`data-entry="${other}"`);
    expect(html).toMatch(/<button type="button" aria-describedby="applied-e1">Undo<\/button>/);
  });

  it('with no cause, says who to hand it to and which questions help', () => {
    const html = render({ kind: 'findings', diagnosis: { ...diagnosis, findings: [] } });
    expect(html).toContain('No cause found');
    expect(html).toContain('What to do next');
    expect(html).toContain('Do other intranet sites sign you in without asking?');
  });

  it('from a saved report, names the fixes but offers none and cannot check again', () => {
    const html = render({
      kind: 'review',
      report: {
        format: 'iwa-doctor-report',
        version: 1,
        createdAt: '2026-11-22T02:05:00.000Z',
        appVersion: '0.1.0',
        secretsIncluded: false,
        diagnosis,
        changes: [],
      },
    });
    expect(html).toContain('opened for reading only');
    expect(html).toContain('Add to Local intranet (offered when the report was made');
    expect(html).not.toMatch(/<button[^>]*>Add to Local intranet<\/button>/);
    expect(html).not.toContain('Check again');
    expect(html).not.toContain('Include sign-in tokens');
  });

  it('from a report saved after a fix, shows each cause before and after the change', () => {
    const html = render({
      kind: 'review',
      report: {
        format: 'iwa-doctor-report',
        version: 2,
        createdAt: '2026-11-22T02:05:00.000Z',
        appVersion: '0.1.0',
        secretsIncluded: false,
        diagnosis,
        changes: [],
        recheck: { entryId: 'e1', ticketsPurged: false, diagnosis: { ...diagnosis, findings: [] } },
      },
    });
    expect(html).toContain('Checked again after the change');
    expect(html).toMatch(/<tr data-cause="zone-not-intranet" data-outcome="gone">/);
    expect(html).toMatch(/<td>Found \(Proven\)<\/td><td>Gone<\/td>/);
  });
});

describe('preview step', () => {
  const plan: ChangePlan = {
    offerId: 'offer-1',
    remedy: 'zone.add-to-intranet',
    title: 'Add to Local intranet',
    scope: 'user',
    summary: 'Adds the site to the Local intranet zone.',
    operations: [
      { op: 'registry.deleteValue', key: { hive: 'HKCU', path: 'Software' }, name: 'x' },
    ] as unknown as ChangePlan['operations'],
    exactChange: ['reg add "HKCU\\Software\\…" /v "*" /t REG_DWORD /d 0x1 /f'],
    notes: ['Restart the browser.'],
    needsElevation: false,
  };

  it('shows the exact change, and warns of the administrator prompt only when one comes', () => {
    const plain = render({ kind: 'preview', diagnosis, offer: diagnosis.findings[1]!.remedies[0]!, plan });
    expect(plain).toContain('this is exactly what will change');
    expect(plain).toContain('reg add &quot;HKCU\\Software\\…&quot;');
    expect(plain).not.toContain('Administrator permission needed');
    const elevated = render({
      kind: 'preview',
      diagnosis,
      offer: diagnosis.findings[1]!.remedies[0]!,
      plan: { ...plan, scope: 'machine', needsElevation: true },
    });
    expect(elevated).toContain('Administrator permission needed');
    const applying = render({
      kind: 'applying',
      diagnosis,
      offer: diagnosis.findings[1]!.remedies[0]!,
      plan: { ...plan, needsElevation: true },
    });
    expect(applying).toContain(
      'Waiting for the administrator’s confirmation, then applying the change… Then IWA Doctor runs the checks again.',
    );
  });
});
