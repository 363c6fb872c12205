/** What the person sees, in words a non-technical person recognises (issue 7, "Start"). */
import { z } from 'zod';

export const symptomIds = [
  'prompt-once-per-session',
  'prompt-three-times',
  'http-401',
  'http-400',
  'works-for-me-not-others',
  'works-on-server-only',
  'check-everything',
] as const;
export const symptomIdSchema = z.enum(symptomIds);
export type SymptomId = z.infer<typeof symptomIdSchema>;

export interface SymptomDefinition {
  readonly id: SymptomId;
  /** The choice as the person reads it. */
  readonly label: string;
}

export const symptoms: readonly SymptomDefinition[] = [
  { id: 'prompt-once-per-session', label: 'A password box once per browser session, then it works' },
  { id: 'prompt-three-times', label: 'A password box that comes back three times, then an error page' },
  { id: 'http-401', label: '"401.1" or "401.2" in the page' },
  { id: 'http-400', label: '"HTTP 400 Bad Request" or "Request header too long"' },
  { id: 'works-for-me-not-others', label: 'It works for me but not for others' },
  { id: 'works-on-server-only', label: 'It works on the server but not from my PC' },
  { id: 'check-everything', label: "I'm IT and want everything checked" },
];
