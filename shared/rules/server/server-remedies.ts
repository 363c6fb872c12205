/**
 * Remedies the server-side rules propose (issue 6, Fixes). IIS changes use appcmd with
 * `/commit:apphost` (reference §4.2: the authentication sections are locked at server level,
 * so they must be written to applicationHost.config); SPN changes use `setspn -S` / `-D`
 * (§3.1: -S checks for duplicates first); machine changes are registry writes (§7.1, §7.2).
 *
 * The ids are offered only once the engine registers them in shared/model/remedy-ids.ts;
 * until then a finding carries no offer instead of one the engine cannot apply.
 */
import type { RemedyScope } from '../../causes/cause-catalog.js';
import { remedyIdSchema } from '../../model/remedy-ids.js';
import type { RemedyProposal } from '../rule.js';

export const serverRemedyIds = [
  'iis.enable-windows-auth',
  'iis.set-providers',
  'iis.use-apppool-credentials',
  'iis.kernel-mode-off',
  'iis.extended-protection-proxy',
  'machine.back-connection-host-name',
  'machine.httpsys-limits',
  'domain.register-spn',
  'domain.remove-spn',
] as const;
export type ServerRemedyId = (typeof serverRemedyIds)[number];

const scopes: Record<ServerRemedyId, RemedyScope> = {
  'iis.enable-windows-auth': 'iis',
  'iis.set-providers': 'iis',
  'iis.use-apppool-credentials': 'iis',
  'iis.kernel-mode-off': 'iis',
  'iis.extended-protection-proxy': 'iis',
  'machine.back-connection-host-name': 'machine',
  'machine.httpsys-limits': 'machine',
  'domain.register-spn': 'domain',
  'domain.remove-spn': 'domain',
};

export interface ServerRemedyDraft {
  readonly remedy: ServerRemedyId;
  readonly title: string;
  readonly params: Readonly<Record<string, string | number | boolean>>;
  readonly available?: boolean;
  readonly unavailableReason?: string;
}

export function serverRemedyScope(id: ServerRemedyId): RemedyScope {
  return scopes[id];
}

/** The offer for a draft, or null while the engine has not registered that remedy id. */
export function proposeServerRemedy(draft: ServerRemedyDraft): RemedyProposal | null {
  const id = remedyIdSchema.safeParse(draft.remedy);
  if (!id.success) return null;
  return {
    remedy: id.data,
    title: draft.title,
    scope: scopes[draft.remedy],
    params: { ...draft.params },
    available: draft.available ?? true,
    ...(draft.unavailableReason ? { unavailableReason: draft.unavailableReason } : {}),
  };
}

export function proposeServerRemedies(drafts: readonly ServerRemedyDraft[]): RemedyProposal[] {
  return drafts.map(proposeServerRemedy).filter((proposal): proposal is RemedyProposal => proposal !== null);
}

/** appcmd's location for an application: `Site/` for the root, `Site/app` otherwise (§4.3). */
export function appcmdLocation(siteName: string, path: string): string {
  return path === '/' ? siteName : `${siteName}${path}`;
}
