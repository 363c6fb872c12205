/**
 * Remedy ids: the renderer and the journal name remedies by these; each maps to one fixed
 * implementation in electron/engine/remedies. Add ids, never rename (journals store them).
 * An id is listed here only once the engine implements it: rules propose the others as
 * nothing rather than as a button that cannot work.
 */
import { z } from 'zod';

/** Workstation remedies the engine implements (issue 5; see rules/workstation/workstation-remedies.ts). */
const workstationRemedyIds = [
  'zone.add-to-intranet',
  'zone.set-logon-automatic',
  'wininet.enable-negotiate',
  'wininet.disable-ntlm-preauth',
  'proxy.add-override',
  'firefox.trust-host',
] as const;

/** Kerberos client remedies of the workstation (issue 5; electron/engine/remedies/kerberos-client-remedies.ts). */
const kerberosClientRemedyIds = ['credentials.remove', 'kerberos.purge-tickets', 'time.resync'] as const;

/** Server remedies the engine implements (issue 6; see rules/server/server-remedies.ts). */
const serverRemedyIds = [
  'iis.enable-windows-auth',
  'iis.set-providers',
  'iis.use-apppool-credentials',
  'iis.kernel-mode-off',
  'iis.extended-protection-proxy',
  'machine.back-connection-host-name',
  'machine.httpsys-limits',
  'domain.register-spn',
  'domain.remove-spn',
  // Handed to an administrator as a script only: they need a password IWA Doctor never handles,
  // or an account only the administrator can choose (shared/handoff/handoff-offers.ts).
  'iis.set-pool-identity',
  'domain.enable-aes',
  'domain.farm-identity',
] as const;

export const remedyIds = [...workstationRemedyIds, ...kerberosClientRemedyIds, ...serverRemedyIds] as const;
export const remedyIdSchema = z.enum(remedyIds);
export type RemedyId = z.infer<typeof remedyIdSchema>;
