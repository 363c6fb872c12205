/**
 * The decision tree's questions for the chosen symptom, asked on the start page right after it
 * (shared/wizard/decision-tree.ts). The answers choose which checks run; "I do not know" keeps
 * every branch of that question, so nobody has to guess. A question appears only while the
 * answers before it lead to it.
 */
import { useId } from 'react';
import { questionsToAsk, type AskedQuestion } from '../../../shared/wizard/decision-tree.js';
import { useWizard } from '../store/store-context.js';
import { PlainText } from './plain-text.js';

/** The words of the answer that keeps every branch. */
export const dontKnowLabel = 'I do not know';

function Question({ question }: { readonly question: AskedQuestion }) {
  const answers = useWizard((state) => state.draft.answers);
  const answerQuestion = useWizard((state) => state.answerQuestion);
  const name = useId();
  const chosen = answers?.[question.id];
  return (
    <fieldset className="field" data-question={question.id}>
      <legend>
        <PlainText text={question.text} />
      </legend>
      {question.answers.map((answer) => (
        <label key={answer.id} className="choice">
          <input
            type="radio"
            name={name}
            value={answer.id}
            checked={chosen === answer.id}
            onChange={() => answerQuestion(question.id, answer.id)}
          />
          <PlainText text={answer.label} />
        </label>
      ))}
      <label className="choice">
        <input
          type="radio"
          name={name}
          value=""
          checked={chosen === undefined}
          onChange={() => answerQuestion(question.id, null)}
        />
        {dontKnowLabel}
      </label>
    </fieldset>
  );
}

export function StartQuestions() {
  const symptom = useWizard((state) => state.draft.symptom);
  const answers = useWizard((state) => state.draft.answers);
  const questions = questionsToAsk(symptom, answers ?? {});
  if (questions.length === 0) return null;
  return (
    <>
      {questions.map((question) => (
        <Question key={question.id} question={question} />
      ))}
      <p className="hint">Your answers decide which checks run. “{dontKnowLabel}” runs them all.</p>
    </>
  );
}
