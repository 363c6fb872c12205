/**
 * A change that takes effect only after something restarts (issue 6): http.sys reads
 * MaxFieldLength/MaxRequestBytes when the HTTP service starts (reference §7.2, KB 820129),
 * and the loopback-check list BackConnectionHostNames is read when Windows starts (§7.1,
 * KB 896861). Right after such a change the checks can read the new value back — proof that
 * it is in place — but not that sign-in works, so no screen may call it "fixed" yet.
 */
import { z } from 'zod';

export const restartTargets = ['http-service', 'server'] as const;

export const restartRequiredSchema = z
  .object({
    /** What must restart: the HTTP service (http.sys, and the web sites with it) or the whole server. */
    what: z.enum(restartTargets),
    /** Which setting the checks read back, e.g. "BackConnectionHostNames" (for what the re-check proved). */
    setting: z.string().min(1).max(200),
  })
  .strict();
export type RestartRequired = z.infer<typeof restartRequiredSchema>;

const restartWords: Record<RestartRequired['what'], { readonly reader: string; readonly restart: string }> = {
  'http-service': {
    reader: 'http.sys reads it only when the HTTP service starts',
    restart:
      'the HTTP service restarts ("net stop http /y", then "net start http" and "net start w3svc" in an administrator command prompt, or a restart of the server)',
  },
  server: { reader: 'Windows reads it only when the server starts', restart: 'this server restarts' },
};

/** "Applied; takes effect after …" — the state of such a change until the restart. */
export function takesEffectAfter(restart: RestartRequired): string {
  return `Applied; takes effect after ${restart.what === 'http-service' ? 'the HTTP service restarts' : 'this server restarts'}`;
}

/** What the checks run right after the change could prove, and what they could not. */
export function recheckProves(restart: RestartRequired): string {
  return (
    `The checks ran again and read ${restart.setting} back: the change is in place. ` +
    `They cannot prove that sign-in works yet: ${restartWords[restart.what].reader}, so it takes effect after ${restartWords[restart.what].restart}. ` +
    'Check again after the restart.'
  );
}
