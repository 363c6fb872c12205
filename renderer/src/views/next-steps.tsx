/**
 * When the checks found no cause: where the decision tree sends this symptom (who to hand the
 * report to) and the questions that narrow it down, with where each answer leads.
 */
import { causeIdSchema, getCause } from '../../../shared/causes/cause-catalog.js';
import { escalationsForSymptom, questionsForSymptom } from '../../../shared/wizard/decision-tree.js';
import type { SymptomId } from '../../../shared/wizard/symptoms.js';
import { PlainText } from './plain-text.js';

/** The tree names a cause leaf by its id; a person reads its title. */
function plainLeadsTo(text: string): string {
  const cause = causeIdSchema.safeParse(text);
  return cause.success ? `IWA Doctor checks for: ${getCause(cause.data).title}` : text;
}

export function NextSteps({ symptom }: { readonly symptom: SymptomId }) {
  const escalations = escalationsForSymptom(symptom);
  const questions = questionsForSymptom(symptom);
  return (
    <section aria-labelledby="next-steps-heading" className="next-steps">
      <h3 id="next-steps-heading">What to do next</h3>
      <ul>
        {escalations.map((escalation) => (
          <li key={escalation.id}>
            <PlainText text={escalation.text} />
          </li>
        ))}
      </ul>
      {questions.length > 0 ? (
        <>
          <h4>Questions that help IT narrow it down</h4>
          {questions.map((question) => (
            <div key={question.id} className="question">
              <p>
                <strong>{question.text}</strong>
              </p>
              <ul>
                {question.answers.map((answer) => (
                  <li key={answer.label}>
                    {answer.label}: <PlainText text={plainLeadsTo(answer.leadsTo)} />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </>
      ) : null}
    </section>
  );
}
