/**
 * For stale-ticket: who holds the web server's SPN in the directory now (`setspn -Q
 * HTTP/<host>`, else `HOST/<host>` which the KDC maps HTTP/ onto, reference §3.1, §3.2) and when
 * that account's servicePrincipalName last changed (the host's directory read). Asked only when
 * a ticket for the SPN is cached. Anything that cannot be read becomes the reason, never a guess.
 */
import type { RawOutput } from '../../../shared/model/evidence.js';
import type { SpnRegistrationChange } from '../../../shared/rules/workstation/workstation-evidence.js';
import {
  parseSetspnQuery,
  SetspnOutputError,
  type DirectoryObjectSpns,
} from '../../../shared/spn/setspn-output.js';
import type { Host } from '../../host/host.js';

function unknown(reason: string, holders: readonly DirectoryObjectSpns[] = [], heldAs: string | null = null) {
  return { holders: holders.map((holder) => holder.dn), heldAs, changedAt: null, unavailableReason: reason };
}

export async function readSpnRegistrationChange(
  host: Host,
  spnHost: string,
  raw: RawOutput[],
): Promise<SpnRegistrationChange> {
  for (const form of [`HTTP/${spnHost}`, `HOST/${spnHost}`]) {
    const run = await host.runTool('setspn', ['-Q', form]);
    raw.push({ label: `setspn -Q ${form}`, text: [run.stdout, run.stderr].filter(Boolean).join('\n') });
    if (run.outcome === 'could-not-run')
      return unknown(`setspn could not run: ${run.reason ?? 'unknown reason'}`);
    let result;
    try {
      result = parseSetspnQuery(run.stdout);
    } catch (error) {
      if (!(error instanceof SetspnOutputError)) throw error;
      const firstLine = `${run.stdout}\n${run.stderr}`.split(/\r?\n/).find((line) => line.trim().length > 0);
      return unknown(
        `setspn -Q ${form} gave no answer: ${(firstLine ?? error.message).trim().slice(0, 200)}`,
      );
    }
    if (result.kind !== 'query') return unknown(`setspn -Q ${form} could not search the directory`);
    if (!result.found) continue;
    const [holder, ...others] = result.objects;
    if (!holder || others.length > 0)
      return unknown(
        `${result.objects.length} accounts hold ${form} (a duplicate SPN)`,
        result.objects,
        form,
      );
    if (!host.servicePrincipalNameChangedAt)
      return unknown('this computer cannot read when the directory last changed an account', [holder], form);
    const answer = await host.servicePrincipalNameChangedAt(holder.dn);
    raw.push({
      label: `When the servicePrincipalName of ${holder.dn} last changed`,
      text: answer.changedAt ?? `not known: ${answer.reason ?? 'no reason given'}`,
    });
    return {
      holders: [holder.dn],
      heldAs: form,
      changedAt: answer.changedAt,
      unavailableReason: answer.reason,
    };
  }
  return unknown(`no account holds HTTP/${spnHost} or HOST/${spnHost} in the directory`);
}
