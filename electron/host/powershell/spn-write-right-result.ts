/**
 * Answer of the spn-write-right primitive (scripts/spn-write-right.ps1): whether the signed-in
 * person may write servicePrincipalName on one account; null, with what Windows said, when it
 * cannot be told.
 */
import { z } from 'zod';

export const spnWriteRightResultSchema = z.object({
  canWrite: z.boolean().nullable(),
  reason: z.string().max(300).nullable(),
});
export type SpnWriteRightResult = z.infer<typeof spnWriteRightResultSchema>;

/** What setspn takes as an account: `DOMAIN\name` or a DN, one line, bounded. */
export function isSpnAccountArgument(account: unknown): account is string {
  return (
    typeof account === 'string' &&
    account.length > 0 &&
    account.length <= 1024 &&
    ![...account].some((char) => (char.codePointAt(0) ?? 0) < 0x20 || char === '\u007f')
  );
}
