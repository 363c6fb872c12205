/**
 * Which fixes can be handed to an administrator as a script (the admin hand-off), and which
 * can only be: changing an application pool's identity needs the account's password, which
 * IWA Doctor never handles; turning on AES for an account needs a new password; a farm's one
 * identity is an account only the administrator can choose. Used by the engine (what it may
 * export) and the renderer (which offers get the "save as a script" button).
 */
import type { RemedyId } from '../model/remedy-ids.js';

/** Fixes IWA Doctor never applies itself: the offer is unavailable with this reason, the script carries it. */
export const handoffOnlyRemedies: Readonly<Partial<Record<RemedyId, string>>> = {
  'iis.set-pool-identity':
    'IWA Doctor never handles passwords: running a pool as a domain account needs that account’s password, which the IIS administrator types when the script asks. Save the commands as a script for them.',
  'domain.enable-aes':
    'This needs a domain administrator and a new password for the account (AES keys are made only when the password is set), which IWA Doctor never handles. Save the commands as a script for a domain administrator.',
  'domain.farm-identity':
    'Only an administrator can choose the one domain account every server of the farm runs as, and type its password. Save the commands as a script; it asks for the account and the password when it runs.',
};

const spnRemedies: readonly RemedyId[] = ['domain.register-spn', 'domain.remove-spn'];

/** Whether the offer can be saved as an admin hand-off script. */
export function offersAdminHandoff(remedy: RemedyId): boolean {
  return spnRemedies.includes(remedy) || remedy in handoffOnlyRemedies;
}

/** Who the script is for, in the button's words. */
export function handoffAudience(remedy: RemedyId): string {
  return remedy === 'iis.set-pool-identity' ? 'the IIS administrator' : 'a domain administrator';
}
