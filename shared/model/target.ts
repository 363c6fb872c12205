/** What a diagnosis is about: the address that keeps asking, what the person sees, what they answered. */
import { z } from 'zod';
import { questionAnswerIds } from '../wizard/decision-tree.js';
import { symptomIdSchema } from '../wizard/symptoms.js';

export const targetUrlSchema = z
  .string()
  .trim()
  .min(1, 'enter the address of the site')
  .max(2048, 'the address is longer than 2048 characters')
  .superRefine((text, ctx) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `"${text.slice(0, 80)}" is not a web address (expected http://… or https://…)`,
      });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({
        code: 'custom',
        message: `only http:// and https:// addresses can use Windows sign-in, not ${url.protocol}`,
      });
    } else if (url.hostname.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'the address has no host name' });
    } else if (url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'remove the user name or password from the address' });
    }
  });

const answerIdPattern = /^[a-z0-9-]{1,64}$/;

/**
 * The answers to the decision tree's questions (question id -> answer id). Every id must be one
 * the tree has; a question left out means "I do not know" (every branch under it is checked).
 */
export const decisionAnswersSchema = z
  .record(z.string().regex(answerIdPattern), z.string().regex(answerIdPattern))
  .superRefine((answers, ctx) => {
    const known = questionAnswerIds();
    const entries = Object.entries(answers);
    if (entries.length > known.size) {
      ctx.addIssue({ code: 'custom', message: `at most ${known.size} answers` });
      return;
    }
    for (const [question, answer] of entries) {
      const choices = known.get(question);
      if (!choices) ctx.addIssue({ code: 'custom', message: `there is no question "${question}"` });
      else if (!choices.includes(answer))
        ctx.addIssue({
          code: 'custom',
          message: `"${answer}" is not an answer to "${question}" (one of: ${choices.join(', ')})`,
        });
    }
  });

export const targetSchema = z.object({
  url: targetUrlSchema,
  symptom: symptomIdSchema,
  /** Absent for targets saved before the wizard asked questions: every branch is checked. */
  answers: decisionAnswersSchema.optional(),
});
export type Target = z.infer<typeof targetSchema>;
