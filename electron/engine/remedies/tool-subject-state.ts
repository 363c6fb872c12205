/**
 * The state a tool operation changes, read through the host (appcmd list config, setspn -Q),
 * for the runner: before applying (journaled as the structured previous state, and checked
 * against what the preview read) and before undo (checked against what the fix left). Every
 * refusal is one line and comes before anything is changed.
 */
import {
  describeIisValues,
  sameHolders,
  sameIisValues,
  type IisSectionValues,
  type ToolPreviousState,
  type ToolSubject,
} from '../../../shared/model/tool-subject.js';
import type { JournaledOperation } from '../../../shared/model/journal.js';
import { sameDistinguishedName } from '../../../shared/spn/distinguished-name.js';
import type { Host } from '../../host/host.js';
import { readIisSectionValues } from './appcmd-config-change.js';
import { RemedyPreconditionError } from './remedy.js';
import { spnHolders } from './spn-holders.js';

const sectionName = (section: string): string => section.slice(section.lastIndexOf('/') + 1);

/** The subject's state now: the section's values of the attributes it sets, or the SPN's holders. */
export async function readToolSubject(host: Host, subject: ToolSubject): Promise<ToolPreviousState> {
  if (subject.kind === 'iis-section') {
    const keys = Object.keys(subject.after) as (keyof IisSectionValues)[];
    return { iisSection: await readIisSectionValues(host, subject.location, subject.section, keys) };
  }
  return { spnHolders: await spnHolders(host, subject.spn) };
}

const holds = (holders: readonly string[], dn: string): boolean =>
  holders.some((holder) => sameDistinguishedName(holder, dn));

/** Before applying: the state must still be what the preview read, or the journaled undo would be wrong. */
export function assertAsPlanned(subject: ToolSubject, previous: ToolPreviousState): void {
  if (subject.kind === 'iis-section' && 'iisSection' in previous) {
    if (!sameIisValues(subject.before, previous.iisSection))
      throw new RemedyPreconditionError(
        `${sectionName(subject.section)} of "${subject.location}" changed since the preview (now ${describeIisValues(previous.iisSection)}); run the diagnosis again — nothing was changed`,
      );
    return;
  }
  if (subject.kind === 'spn-holder' && 'spnHolders' in previous) {
    // A move removes then registers: both are read before either runs.
    if (!subject.holds && !holds(previous.spnHolders, subject.accountDn))
      throw new RemedyPreconditionError(
        `${subject.spn} is no longer on ${subject.accountDn}; run the diagnosis again — nothing was changed`,
      );
    if (subject.holds && holds(previous.spnHolders, subject.accountDn))
      throw new RemedyPreconditionError(
        `${subject.spn} is already on ${subject.accountDn}; run the diagnosis again — nothing was changed`,
      );
  }
}

interface Expectation {
  readonly subject: ToolSubject;
  /** IIS: the values the entry left; SPN: the holders it left. */
  readonly left: IisSectionValues | string[];
}

/** What the whole entry left, per section and per SPN: the operations replayed over the state read before the first. */
function expectations(operations: readonly JournaledOperation[]): Map<string, Expectation> {
  const expected = new Map<string, Expectation>();
  for (const { operation, previous } of operations) {
    if (operation.op !== 'tool.run' || !operation.subject) continue;
    const subject = operation.subject;
    if (subject.kind === 'iis-section') {
      const key = `iis ${subject.location.toLowerCase()} ${subject.section.toLowerCase()}`;
      const earlier = expected.get(key)?.left as IisSectionValues | undefined;
      expected.set(key, { subject, left: { ...earlier, ...subject.after } });
      continue;
    }
    const key = `spn ${subject.spn.toLowerCase()}`;
    const start =
      (expected.get(key)?.left as string[] | undefined) ??
      (previous && 'spnHolders' in previous ? [...previous.spnHolders] : []);
    const without = start.filter((dn) => !sameDistinguishedName(dn, subject.accountDn));
    expected.set(key, { subject, left: subject.holds ? [...without, subject.accountDn] : without });
  }
  return expected;
}

/** Before undo: everything must be as the fix left it; otherwise nothing is undone (one line says what differs). */
export async function assertAsTheFixLeft(
  host: Host,
  operations: readonly JournaledOperation[],
): Promise<void> {
  for (const { subject, left } of expectations(operations).values()) {
    if (subject.kind === 'iis-section') {
      const want = left as IisSectionValues;
      const now = await readIisSectionValues(
        host,
        subject.location,
        subject.section,
        Object.keys(want) as (keyof IisSectionValues)[],
      );
      if (!sameIisValues(want, now))
        throw new RemedyPreconditionError(
          `${sectionName(subject.section)} of "${subject.location}" was changed after the fix (now ${describeIisValues(now)}, the fix left ${describeIisValues(want)}); nothing was undone`,
        );
      continue;
    }
    const want = left as string[];
    const now = await spnHolders(host, subject.spn);
    if (!sameHolders(want, now))
      throw new RemedyPreconditionError(
        `${subject.spn} was changed after the fix (now on ${now.join('; ') || 'no account'}, the fix left it on ${want.join('; ') || 'no account'}); nothing was undone`,
      );
  }
}
