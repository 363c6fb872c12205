/**
 * What a tool operation changes, as data (issue 6): an appcmd `set config` changes attributes
 * of one authentication section at one location (reference §4.2); a `setspn -S`/`-D` changes
 * whether one account holds one SPN (§3.1). The runner reads this state before applying —
 * the journal keeps it as the structured previous state — and again before undo, which it
 * refuses, changing nothing, when the state is no longer what the fix left.
 */
import { z } from 'zod';
import { anonymousAuthSection, windowsAuthSection } from '../iis/appcmd-output.js';

/** The attributes IIS fixes touch, by name; each present key is one the operation sets. */
export const iisSectionValuesSchema = z
  .object({
    enabled: z.boolean(),
    providers: z.array(z.string().max(100)).max(20),
    useKernelMode: z.boolean(),
    useAppPoolCredentials: z.boolean(),
    extendedProtectionFlags: z.array(z.string().max(40)).max(10),
    extendedProtectionSpns: z.array(z.string().max(300)).max(100),
  })
  .partial()
  .strict();
export type IisSectionValues = z.infer<typeof iisSectionValuesSchema>;

export const toolSubjectSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('iis-section'),
      /** appcmd's location, `Site` or `Site/app` (§4.3). */
      location: z.string().min(1).max(300),
      section: z.enum([windowsAuthSection, anonymousAuthSection]),
      /** The values read while planning (what undo puts back). */
      before: iisSectionValuesSchema,
      /** The values the operation sets (what undo expects to find). */
      after: iisSectionValuesSchema,
    })
    .strict(),
  z
    .object({
      kind: z.literal('spn-holder'),
      spn: z.string().min(1).max(300),
      /** The account's distinguished name, as `setspn -Q` lists holders. */
      accountDn: z.string().min(1).max(2048),
      /** True: the operation registers the SPN on the account (-S); false: removes it (-D). */
      holds: z.boolean(),
    })
    .strict(),
]);
export type ToolSubject = z.infer<typeof toolSubjectSchema>;

/** The journaled previous state of a tool operation with a subject, read just before it ran. */
export const toolPreviousStateSchema = z.union([
  z.object({ iisSection: iisSectionValuesSchema }).strict(),
  /** Every account (DN) that held the SPN. */
  z.object({ spnHolders: z.array(z.string().max(2048)).max(100) }).strict(),
]);
export type ToolPreviousState = z.infer<typeof toolPreviousStateSchema>;

/** Whether a journaled previous state is a tool subject's (not a registry value's or a file's). */
export function isToolPreviousState(previous: object | null): previous is ToolPreviousState {
  return previous !== null && ('iisSection' in previous || 'spnHolders' in previous);
}

function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * Whether the values read now are the ones expected, for the keys expected names. Names compare
 * case-insensitively; providers in order (the order is their meaning, §4.1), flags and SPNs as
 * sets (IIS may print them in its own order [U]).
 */
export function sameIisValues(expected: IisSectionValues, now: IisSectionValues): boolean {
  return (Object.keys(expected) as (keyof IisSectionValues)[]).every((key) => {
    const want = expected[key];
    const have = now[key];
    if (Array.isArray(want) && Array.isArray(have)) {
      if (want.length !== have.length) return false;
      return key === 'providers'
        ? want.every((item, index) => sameText(item, have[index] ?? ''))
        : want.every((item) => have.some((other) => sameText(item, other)));
    }
    return want === have;
  });
}

/** `enabled true, providers Negotiate, NTLM` — the values in words, for one-line refusals. */
export function describeIisValues(values: IisSectionValues): string {
  return Object.entries(values)
    .map(([key, value]) => `${key} ${Array.isArray(value) ? value.join(', ') || '(none)' : String(value)}`)
    .join('; ');
}

export function sameHolders(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a.map((dn) => dn.trim().toLowerCase()));
  const right = new Set(b.map((dn) => dn.trim().toLowerCase()));
  return left.size === right.size && [...left].every((dn) => right.has(dn));
}
