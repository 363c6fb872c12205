/**
 * The renderer's state, in one zustand vanilla store with one mutation path: components
 * call these actions and never set state themselves. Created with an engine caller and the
 * browser effects a report needs, so the logic can be tested without React or a window
 * (style.md).
 */
import { createStore } from 'zustand/vanilla';
import type { ApiChannel, ApiRequest, ApiResponse } from '../../../shared/api/contract.js';
import type { JournalEntry } from '../../../shared/model/journal.js';
import type { Target } from '../../../shared/model/target.js';
import { answersForSymptom } from '../../../shared/wizard/decision-tree.js';
import { buildReport } from '../../../shared/report/build-report.js';
import { parseReport } from '../../../shared/report/parse-report.js';
import type { ReportDocument } from '../../../shared/report/report-document.js';
import { renderReportHtml } from '../../../shared/report/report-html.js';
import { renderReportSummary } from '../../../shared/report/report-summary.js';
import { browserReportEffects, type ReportEffects } from '../report/report-effects.js';
import { reportFileName } from '../report/report-file-name.js';
import { diagnosisOfStep, recheckOfStep, type WizardStep } from './wizard-steps.js';

export type EngineCaller = <C extends ApiChannel>(
  channel: C,
  request: ApiRequest<C>,
) => Promise<ApiResponse<C>>;

export type View = 'wizard' | 'history' | 'glossary' | 'token-inspector' | 'live-test' | 'capture-analysis';

/** Simple: plain findings for self-service. Expert: the same engine, every id, probe and raw output shown. */
export type DetailMode = 'simple' | 'expert';

export type ReportFormat = 'html' | 'json' | 'pdf';

export interface WizardState {
  readonly info: ApiResponse<'app:info'> | null;
  readonly view: View;
  readonly mode: DetailMode;
  readonly step: WizardStep;
  /** The start form's values, kept when the person goes back. */
  readonly draft: Target;
  readonly recentTargets: readonly Target[];
  readonly journal: readonly JournalEntry[];
  readonly busy: boolean;
  /** Keep tokens and secrets in exported reports (off unless the person opts in). */
  readonly includeSecrets: boolean;
  /** What the last report action did, or why it failed (one line, announced politely). */
  readonly reportStatus: string | null;
  /** An error outside any step (loading the app, the history). */
  readonly error: string | null;
}

export interface WizardActions {
  initialise(): Promise<void>;
  showView(view: View): void;
  setMode(mode: DetailMode): void;
  editDraft(change: Partial<Target>): void;
  /**
   * Answers one of the decision tree's questions on the start page (null: "I do not know").
   * Answers that no longer apply (another answer made the question moot) are dropped.
   */
  answerQuestion(questionId: string, answerId: string | null): void;
  loadScenario(id: string): Promise<void>;
  runDiagnosis(): Promise<void>;
  cancelDiagnosis(): Promise<void>;
  previewRemedy(offerId: string): Promise<void>;
  /** Saves the .ps1 a domain administrator runs for an SPN fix (the engine writes it from its own offer). */
  exportAdminHandoff(offerId: string): Promise<void>;
  /** After an SPN change: klist purge on this computer and the checks again, shown beside before/after. */
  purgeTicketsAndRetest(): Promise<void>;
  cancelPreview(): void;
  applyRemedy(): Promise<void>;
  undo(entryId: string): Promise<void>;
  refreshJournal(): Promise<void>;
  setIncludeSecrets(include: boolean): void;
  /** The report of what the current step shows, as it would be exported now. */
  currentReport(): ReportDocument | null;
  exportReport(format: ReportFormat): Promise<void>;
  copySummary(): Promise<void>;
  openReportFile(text: string): void;
  startOver(): void;
}

export type WizardStore = ReturnType<typeof createWizardStore>;

/** The draft with only the answers its symptom's questions ask for (none: every branch is checked). */
function withApplicableAnswers(draft: Target): Target {
  const { answers, ...rest } = draft;
  const kept = answersForSymptom(draft.symptom, answers ?? {});
  return Object.keys(kept).length > 0 ? { ...rest, answers: kept } : rest;
}

/** How often the running step asks the engine how far it is. */
export const progressPollMilliseconds = 200;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

function wait(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** A new name for a diagnosis run (a random UUID: lowercase hex and dashes, as the contract wants). */
function newRunId(): string {
  return crypto.randomUUID();
}

export function createWizardStore(
  callEngine: EngineCaller,
  effects: ReportEffects = browserReportEffects,
  makeRunId: () => string = newRunId,
) {
  let latestRunId: string | null = null;
  return createStore<WizardState & WizardActions>()((set, get) => {
    const isCurrentRun = (runId: string) => {
      const step = get().step;
      return step.kind === 'running' && step.runId === runId;
    };

    const pollProgress = async (runId: string) => {
      while (isCurrentRun(runId)) {
        await wait(progressPollMilliseconds);
        try {
          const progress = await callEngine('diagnosis:progress', {});
          const step = get().step;
          if (step.kind === 'running' && step.runId === runId && progress.running)
            set({ step: { ...step, progress: progress.probes } });
        } catch {
          // Progress is a courtesy: the diagnosis itself reports its result or its error.
        }
      }
    };

    const refreshRecentTargets = async () => {
      try {
        set({ recentTargets: await callEngine('targets:recent', {}) });
      } catch {
        // Without the list the person types the address again; nothing else depends on it.
      }
    };

    return {
      info: null,
      view: 'wizard',
      mode: 'simple',
      step: { kind: 'start' },
      draft: { url: '', symptom: 'prompt-once-per-session' },
      recentTargets: [],
      journal: [],
      busy: false,
      includeSecrets: false,
      reportStatus: null,
      error: null,

      async initialise() {
        try {
          const info = await callEngine('app:info', {});
          set({ info, error: null, ...(info.target ? { draft: info.target } : {}) });
          await Promise.all([get().refreshJournal(), refreshRecentTargets()]);
        } catch (error) {
          set({ error: `IWA Doctor could not start its engine: ${messageOf(error)}` });
        }
      },

      showView(view) {
        set({ view });
        if (view === 'history') void get().refreshJournal();
      },

      setMode(mode) {
        set({ mode });
      },

      editDraft(change) {
        set({ draft: withApplicableAnswers({ ...get().draft, ...change }) });
      },

      answerQuestion(questionId, answerId) {
        const { draft } = get();
        const answers: Record<string, string> = { ...draft.answers };
        if (answerId === null) delete answers[questionId];
        else answers[questionId] = answerId;
        set({ draft: withApplicableAnswers({ ...draft, answers }) });
      },

      async loadScenario(id) {
        set({ busy: true });
        try {
          const loaded = await callEngine('scenario:load', { id });
          const info = get().info;
          set({
            draft: loaded.target,
            step: { kind: 'start' },
            info: info ? { ...info, host: loaded.host } : info,
          });
        } catch (error) {
          set({ step: { kind: 'start', error: messageOf(error) } });
        } finally {
          set({ busy: false });
        }
      },

      async runDiagnosis() {
        const target = get().draft;
        // The run is named here, before the engine hears of it, so "Stop checking" can name
        // it too — even when the stop reaches the engine before the run request does.
        const runId = makeRunId();
        latestRunId = runId;
        set({
          step: { kind: 'running', target, runId, progress: [] },
          busy: true,
          view: 'wizard',
          reportStatus: null,
        });
        void pollProgress(runId);
        try {
          const diagnosis = await callEngine('diagnosis:run', { ...target, runId });
          if (isCurrentRun(runId)) set({ step: { kind: 'findings', diagnosis } });
          await refreshRecentTargets();
        } catch (error) {
          if (isCurrentRun(runId)) set({ step: { kind: 'start', error: messageOf(error) } });
        } finally {
          if (runId === latestRunId) set({ busy: false });
        }
      },

      async cancelDiagnosis() {
        const step = get().step;
        if (step.kind !== 'running') return;
        // Leave the running step at once; the engine stops that run after the probe in progress
        // (or never starts it), and any late answer is ignored because the run is no longer current.
        set({ step: { kind: 'start', notice: 'Stopped. Nothing was changed.' }, busy: false });
        try {
          await callEngine('diagnosis:cancel', { runId: step.runId });
        } catch {
          // The diagnosis may have finished in the meantime; either way the step has moved on.
        }
      },

      async previewRemedy(offerId) {
        const step = get().step;
        if (step.kind !== 'findings') return;
        const offer = step.diagnosis.findings
          .flatMap((finding) => finding.remedies)
          .find((candidate) => candidate.offerId === offerId);
        if (!offer) return;
        set({ busy: true });
        try {
          const plan = await callEngine('remedy:preview', { offerId });
          set({ step: { kind: 'preview', diagnosis: step.diagnosis, offer, plan } });
        } catch (error) {
          set({ step: { ...step, error: messageOf(error) } });
        } finally {
          set({ busy: false });
        }
      },

      cancelPreview() {
        const step = get().step;
        if (step.kind === 'preview') set({ step: { kind: 'findings', diagnosis: step.diagnosis } });
      },

      async applyRemedy() {
        const step = get().step;
        if (step.kind !== 'preview') return;
        set({
          step: { kind: 'applying', diagnosis: step.diagnosis, offer: step.offer, plan: step.plan },
          busy: true,
        });
        try {
          const { entry, verification } = await callEngine('remedy:apply', { offerId: step.offer.offerId });
          set({ step: { kind: 'verified', before: step.diagnosis, after: verification, entry } });
          await get().refreshJournal();
        } catch (error) {
          set({ step: { ...step, error: messageOf(error) } });
        } finally {
          set({ busy: false });
        }
      },

      async exportAdminHandoff(offerId) {
        const step = get().step;
        if (step.kind !== 'findings') return;
        set({ busy: true });
        try {
          const { fileName, script } = await callEngine('handoff:export', { offerId });
          effects.download(fileName, 'text/plain;charset=utf-8', script);
          const notice = `Saved ${fileName}. Give it to a domain administrator: it holds the exact setspn commands, why each is needed, a check, and how to undo them.`;
          set({ step: { kind: 'findings', diagnosis: step.diagnosis, notice } });
        } catch (error) {
          set({ step: { ...step, error: messageOf(error) } });
        } finally {
          set({ busy: false });
        }
      },

      async purgeTicketsAndRetest() {
        const step = get().step;
        if (step.kind !== 'verified') return;
        set({ busy: true });
        try {
          const { purge, verification } = await callEngine('kerberos:purge-and-retest', {
            entryId: step.entry.id,
          });
          set({ step: { ...step, retest: { purge, after: verification } } });
        } catch (error) {
          set({ step: { ...step, error: messageOf(error) } });
        } finally {
          set({ busy: false });
        }
      },

      async undo(entryId) {
        set({ busy: true });
        const step = get().step;
        try {
          const { entry, verification } = await callEngine('journal:undo', { entryId });
          await get().refreshJournal();
          const notice = `Undone: ${entry.title}. The previous settings are back.`;
          if (verification)
            set({ view: 'wizard', step: { kind: 'findings', diagnosis: verification, notice } });
          else set({ error: null, reportStatus: notice });
        } catch (error) {
          if (step.kind === 'verified' || step.kind === 'findings')
            set({ step: { ...step, error: messageOf(error) } });
          else set({ error: messageOf(error) });
        } finally {
          set({ busy: false });
        }
      },

      async refreshJournal() {
        try {
          const journal = await callEngine('journal:list', {});
          set({ journal: [...journal].reverse() });
        } catch (error) {
          set({ error: `The history could not be read: ${messageOf(error)}` });
        }
      },

      setIncludeSecrets(include) {
        set({ includeSecrets: include });
      },

      currentReport() {
        const step = get().step;
        if (step.kind === 'review') return step.report;
        const diagnosis = diagnosisOfStep(step);
        if (!diagnosis) return null;
        const recheck = recheckOfStep(step);
        return buildReport({
          diagnosis,
          journal: [...get().journal].reverse(),
          appVersion: get().info?.version ?? 'unknown',
          createdAt: effects.now(),
          includeSecrets: get().includeSecrets,
          ...(recheck ? { recheck } : {}),
        });
      },

      async exportReport(format) {
        const report = get().currentReport();
        if (!report) return;
        const fileName = reportFileName(report.diagnosis.target.url, report.createdAt, format);
        // The PDF is the report, not the window: the same HTML as the saved web page, printed.
        const printInThisWindow = () => {
          effects.printHtml(renderReportHtml(report));
          set({
            reportStatus: 'The print window shows the report: choose “Save as PDF” as the printer.',
          });
        };
        if (format === 'html') {
          effects.download(fileName, 'text/html;charset=utf-8', renderReportHtml(report));
          set({ reportStatus: `Saved the report as ${fileName}.` });
          return;
        }
        if (format === 'json') {
          effects.download(fileName, 'application/json', `${JSON.stringify(report, null, 2)}\n`);
          set({
            reportStatus: `Saved the report as ${fileName}. It opens again in IWA Doctor with “Open a saved report”.`,
          });
          return;
        }
        // The web harness cannot print in the engine (and its requests are size-limited): the
        // page prints the report itself.
        if (get().info?.transport === 'web') {
          printInThisWindow();
          return;
        }
        try {
          const { pdfBase64 } = await callEngine('report:pdf', { report });
          effects.download(fileName, 'application/pdf', base64ToBytes(pdfBase64));
          set({ reportStatus: `Saved the report as ${fileName}.` });
        } catch (error) {
          if (codeOf(error) === 'unavailable') {
            printInThisWindow();
          } else {
            set({ reportStatus: `The PDF could not be made: ${messageOf(error)}` });
          }
        }
      },

      async copySummary() {
        const report = get().currentReport();
        if (!report) return;
        try {
          await effects.copyText(renderReportSummary(report));
          set({ reportStatus: 'Copied a short summary for IT. Paste it into an e-mail or a ticket.' });
        } catch (error) {
          set({ reportStatus: `The summary could not be copied: ${messageOf(error)}` });
        }
      },

      openReportFile(text) {
        try {
          const report = parseReport(text);
          set({ step: { kind: 'review', report }, view: 'wizard', reportStatus: null });
        } catch (error) {
          set({ step: { kind: 'start', error: messageOf(error) }, view: 'wizard' });
        }
      },

      startOver() {
        set({ step: { kind: 'start' }, view: 'wizard', reportStatus: null });
      },
    };
  });
}
