/**
 * Answer of the spn-change-time primitive (scripts/spn-change-time.ps1): when an account's
 * servicePrincipalName last changed, as local time `YYYY-MM-DDTHH:MM:SS`; null, with what
 * Windows said, when it cannot be told.
 */
import { z } from 'zod';

export const spnChangeTimeResultSchema = z.object({
  changedAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
    .nullable(),
  reason: z.string().max(300).nullable(),
});
export type SpnChangeTimeResult = z.infer<typeof spnChangeTimeResultSchema>;

/** A distinguished name as setspn prints it: `CN=…`, one line, bounded. */
export function isAccountDnArgument(account: unknown): account is string {
  return (
    typeof account === 'string' &&
    /^CN=/i.test(account) &&
    account.length <= 1024 &&
    ![...account].some((char) => (char.codePointAt(0) ?? 0) < 0x20 || char === '\u007f')
  );
}
