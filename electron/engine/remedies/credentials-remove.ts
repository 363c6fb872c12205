/**
 * Remedy `credentials.remove` (stored-credentials, user scope; reference §7.6): delete one
 * Windows Credential Manager entry for the web server with `cmdkey /delete:<target>`, the target
 * name without its `Domain:target=` prefix (the reference marks that exact syntax [U]; the
 * verification diagnosis that follows shows whether the entry is really gone).
 *
 * It cannot be undone: Windows never hands a saved password to a program (cmdkey /list prints
 * names only), so nothing can keep a copy to put back. The plan says so before it runs, and
 * the journal keeps what can be kept — the entry's address, type, user and persistence — so
 * the person can add it again in Credential Manager if they want it back.
 */
import type { ChangePlan } from '../../../shared/model/change-plan.js';
import { workstationRemedyScope } from '../../../shared/rules/workstation/workstation-remedies.js';
import { parseCmdkeyList, type StoredCredential } from '../../../shared/windows-output/cmdkey-list.js';
import type { Remedy } from './remedy.js';
import { RemedyPreconditionError } from './remedy.js';
import { runToolForRemedy } from './run-tool-for-remedy.js';

/** A target cmdkey can be given as one argument: 1-256 printable characters, no space or quote (cmdkey reads its own command line). */
function isSafeTargetName(name: string): boolean {
  if (name.length === 0 || name.length > 256) return false;
  for (const character of name) {
    const code = character.codePointAt(0) ?? 0;
    if (code <= 0x20 || code === 0x7f || character === '"' || /\s/u.test(character)) return false;
  }
  return true;
}

/** What the journal keeps about a removed entry: everything but the password, which no program can read. */
export function describeRemovedCredential(credential: StoredCredential): string {
  const parts = [`type ${credential.type ?? 'not shown'}`, `user ${credential.user ?? 'not shown'}`];
  if (credential.persistence) parts.push(credential.persistence.toLowerCase());
  return (
    `remove the saved sign-in ${credential.target} (${parts.join(', ')}) from Windows Credential Manager; ` +
    `its password was never readable, so to get the entry back add it again in Credential Manager ▸ Windows Credentials ` +
    `with the address ${credential.targetName} and the user ${credential.user ?? 'you used'}`
  );
}

export const credentialsRemoveRemedy: Remedy = {
  id: 'credentials.remove',
  async plan(offer, { host }): Promise<ChangePlan> {
    const wanted = offer.params['target'];
    if (typeof wanted !== 'string' || !isSafeTargetName(wanted)) {
      throw new RemedyPreconditionError(
        'this saved sign-in has a name the app cannot pass to cmdkey safely; remove it in Credential Manager yourself',
      );
    }
    const list = await runToolForRemedy(host, 'cmdkey', ['/list']);
    const credential = parseCmdkeyList(list.stdout).find(
      (entry) => entry.targetKind === 'Domain' && entry.targetName.toLowerCase() === wanted.toLowerCase(),
    );
    if (!credential)
      throw new RemedyPreconditionError(
        `Credential Manager no longer holds a saved sign-in for ${wanted}; nothing to remove`,
      );
    const describe = describeRemovedCredential(credential);
    return {
      offerId: offer.offerId,
      remedy: 'credentials.remove',
      title: offer.title,
      scope: workstationRemedyScope('credentials.remove'),
      summary: `Remove the saved sign-in for ${credential.targetName} (user ${credential.user ?? 'not shown'}) from Windows Credential Manager, so Windows signs you in to the site with your own account.`,
      operations: [
        {
          op: 'tool.run',
          run: { tool: 'cmdkey', args: [`/delete:${credential.targetName}`] },
          undo: null,
          describe,
        },
      ],
      exactChange: [`cmdkey /delete:${credential.targetName}`],
      notes: [
        `This cannot be undone: Windows never lets a program read a saved password, so IWA Doctor cannot keep a copy of it. ` +
          `The history keeps the address (${credential.targetName}) and the user (${credential.user ?? 'not shown'}); to get the entry back, add it again in ` +
          `Control Panel ▸ Credential Manager ▸ Windows Credentials and type its password.`,
        'Close every window of your browser and open it again, so it signs in afresh.',
      ],
      needsElevation: false,
    };
  },
};
