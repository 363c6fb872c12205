/** What a diagnosis is about: the address that keeps asking, and what the person sees. */
import { z } from 'zod';
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

export const targetSchema = z.object({
  url: targetUrlSchema,
  symptom: symptomIdSchema,
});
export type Target = z.infer<typeof targetSchema>;
