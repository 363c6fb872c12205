/** Renders the current wizard step; the switch is exhaustive over the step union. */
import { useWizard } from '../store/store-context.js';
import { assertNever } from '../store/wizard-steps.js';
import { FindingsView } from './findings-view.js';
import { PreviewView } from './preview-view.js';
import { RunningView } from './running-view.js';
import { StartView } from './start-view.js';
import { VerifiedView } from './verified-view.js';

export function WizardView() {
  const step = useWizard((state) => state.step);
  switch (step.kind) {
    case 'start':
      return <StartView error={step.error} />;
    case 'running':
      return <RunningView target={step.target} />;
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
          notice={`A saved report from ${step.report.createdAt} (IWA Doctor ${step.report.appVersion}), opened for reading: no fixes are offered from it.`}
          readOnly={true}
        />
      );
    default:
      return assertNever(step);
  }
}
