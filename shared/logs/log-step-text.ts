/**
 * One logged step of a sign-in attempt as IIS wrote it (§5.2): `401.2 5`,
 * `401.1 0x8009030E`, `200 (CONTOSO\alice)`. Columns the log does not have (§5.3: no
 * sc-substatus or sc-win32-status) are left out instead of printed as -1.
 */
import type { LogStep } from './log-analysis.js';

export function logStepText(step: LogStep): string {
  const code =
    step.win32 > 0xffff
      ? ` 0x${step.win32.toString(16).toUpperCase()}`
      : step.win32 > 0
        ? ` ${step.win32}`
        : '';
  const status = step.status === 401 && step.substatus >= 0 ? `401.${step.substatus}` : String(step.status);
  const shown = step.status === 401 ? `${status}${code}` : status;
  return step.username ? `${shown} (${step.username})` : shown;
}
