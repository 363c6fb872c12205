/**
 * Renders the current wizard step; the switch is exhaustive over the step union. When the step
 * changes, keyboard focus moves to the new step's heading, so a keyboard or screen-reader user
 * starts reading the new step instead of being left on a button that no longer exists.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useWizard } from '../store/store-context.js';
import { assertNever, type WizardStep } from '../store/wizard-steps.js';
import { FindingsView } from './findings-view.js';
import { PreviewView } from './preview-view.js';
import { RunningView } from './running-view.js';
import { StartView } from './start-view.js';
import { VerifiedView } from './verified-view.js';

function stepContent(step: WizardStep): ReactNode {
  switch (step.kind) {
    case 'start':
      return <StartView error={step.error} notice={step.notice} />;
    case 'running':
      return <RunningView target={step.target} progress={step.progress} />;
    case 'findings':
      return <FindingsView diagnosis={step.diagnosis} notice={step.notice} error={step.error} />;
    case 'preview':
      return <PreviewView plan={step.plan} error={step.error} applying={false} />;
    case 'applying':
      return <PreviewView plan={step.plan} applying={true} />;
    case 'verified':
      return <VerifiedView before={step.before} after={step.after} entry={step.entry} error={step.error} />;
    case 'review':
      return (
        <FindingsView
          diagnosis={step.report.diagnosis}
          notice={`A saved report from ${new Date(step.report.createdAt).toLocaleString()} (IWA Doctor ${step.report.appVersion}), opened for reading only: no fixes are offered from it.${step.report.secretsIncluded ? ' It contains sign-in tokens: keep it private.' : ''}`}
          readOnly={true}
          recheck={step.report.recheck}
        />
      );
    default:
      return assertNever(step);
  }
}

export function WizardView() {
  const step = useWizard((state) => state.step);
  const container = useRef<HTMLDivElement>(null);
  const shownKind = useRef(step.kind);
  useEffect(() => {
    // 'applying' keeps the preview page: focus stays on it rather than jumping to its heading.
    if (shownKind.current === step.kind || (shownKind.current === 'preview' && step.kind === 'applying')) {
      shownKind.current = step.kind;
      return;
    }
    shownKind.current = step.kind;
    container.current?.querySelector<HTMLElement>('h2[tabindex="-1"]')?.focus();
  }, [step]);
  return <div ref={container}>{stepContent(step)}</div>;
}
