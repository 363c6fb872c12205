/**
 * The live-sign-in and dns:name probes in a diagnosis of a simulated machine: labelled as
 * simulated, the handshake drawn from their evidence (findings view and HTML report), the raw
 * headers kept in the diagnosis and removed from the report.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evidenceOfKind, type Evidence } from '../../../shared/model/evidence.js';
import type { Diagnosis } from '../../../shared/model/diagnosis.js';
import { buildReport } from '../../../shared/report/build-report.js';
import { reportHandshake } from '../../../shared/report/report-handshake.js';
import { renderReportHtml } from '../../../shared/report/report-html.js';
import '../../../shared/live/dns-name-evidence.js';
import '../../../shared/rules/server/server-evidence.js';
import { loadScenarioFile } from '../../host/scenario/load-scenario.js';
import { ScenarioHost } from '../../host/scenario/scenario-host.js';
import { diagnose } from '../diagnose.js';
import { findProbe } from './probe-catalog.js';

const scenarioFile = (id: string) =>
  fileURLToPath(new URL(`../../../e2e/scenarios/${id}.json`, import.meta.url));
/** The engine's own diagnosis: its evidence has the facts its kinds declare. */
const typed = (diagnosis: Diagnosis) => diagnosis.evidence as unknown as readonly Evidence[];
const rawToken = /\b(?:YII|TlRMTVNTUA)[A-Za-z0-9+/]{20,}|Negotiate\s+o[A-Za-z0-9+/]{24,}/;

describe('live sign-in in a diagnosis', () => {
  it('is in the probe catalog with dns:name, so no check of the tree is "not available"', () => {
    expect(findProbe('live-sign-in')?.title).toMatch(/sign-in/);
    expect(findProbe('dns:name')?.title).toMatch(/DNS/);
  });

  it('shows the KRB_AP_ERR_MODIFIED exchange behind kernel mode without useAppPoolCredentials, as one finding', async () => {
    const scenario = await loadScenarioFile(scenarioFile('kernel-mode-no-apppool-creds'));
    const diagnosis = await diagnose(new ScenarioHost(scenario), scenario.target);
    expect(diagnosis.probes.filter((run) => run.status !== 'ok')).toEqual([]);
    expect(diagnosis.findings.map((finding) => finding.cause)).toEqual(['kernel-mode-no-apppool-creds']);
    const finding = diagnosis.findings[0];
    expect(finding?.evidence).toEqual(expect.arrayContaining(['live-authenticated-request']));

    const live = diagnosis.evidence.filter((item) => item.probe === 'live-sign-in');
    expect(live.length).toBeGreaterThan(3);
    for (const item of live) expect(item.summary).toMatch(/^Simulated: /);
    const answer = evidenceOfKind(typed(diagnosis), 'live-authenticated-request')[0];
    expect(answer?.raw.map((raw) => raw.text).join('\n')).toMatch(rawToken);

    const exchange = reportHandshake(diagnosis.target.url, diagnosis.evidence);
    expect(exchange?.verdict).toBe('refused');
    expect(exchange?.legs.at(-1)?.detail).toMatch(/KRB_AP_ERR_MODIFIED/);
  });

  it('measures the user’s token for the http.sys rule, and resolves the name with dns:name', async () => {
    const scenario = await loadScenarioFile(scenarioFile('kerberos-token-too-large'));
    const diagnosis = await diagnose(new ScenarioHost(scenario), {
      ...scenario.target,
      symptom: 'check-everything',
    });
    expect(evidenceOfKind(typed(diagnosis), 'negotiate-token-size')[0]?.facts).toEqual({
      tokenBytes: 14000,
      mechanism: 'kerberos',
    });
    const finding = diagnosis.findings.find((item) => item.cause === 'kerberos-token-too-large');
    expect(finding?.confidence).toBe('confirmed');
    expect(finding?.remedies.length).toBeGreaterThan(0);
    expect(evidenceOfKind(typed(diagnosis), 'dns-name')[0]?.facts).toMatchObject({
      host: 'web01.contoso.com',
      browserSpn: 'HTTP/web01.contoso.com',
      canonicalName: null,
    });
  });

  it('draws the sequence in the HTML report with every token removed unless asked to keep them', async () => {
    const scenario = await loadScenarioFile(scenarioFile('cname-alias-spn'));
    const diagnosis = await diagnose(new ScenarioHost(scenario), scenario.target);
    expect(evidenceOfKind(typed(diagnosis), 'dns-name')[0]?.facts).toMatchObject({
      canonicalName: 'web01.contoso.com',
      browserSpn: 'HTTP/web01.contoso.com',
      aliasSpn: 'HTTP/intranet.contoso.com',
    });
    const report = (includeSecrets: boolean) =>
      renderReportHtml(
        buildReport({
          diagnosis,
          journal: [],
          appVersion: 'test',
          createdAt: '2026-01-01T00:00:00Z',
          includeSecrets,
        }),
      );
    const redacted = report(false);
    expect(redacted).toContain('The sign-in, step by step');
    expect(redacted).toContain('KRB_AP_ERR_MODIFIED');
    expect(redacted).toContain('data-cause="cname-alias-spn"');
    expect(redacted).not.toMatch(rawToken);
    expect(report(true)).toMatch(rawToken);
  });
});
