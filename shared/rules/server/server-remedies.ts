/**
 * Remedies the server-side rules propose (issue 6, Fixes). IIS changes use appcmd with
 * `/commit:apphost` (reference §4.2: the authentication sections are locked at server level,
 * so they must be written to applicationHost.config); SPN changes use `setspn -S` / `-D`
 * (§3.1: -S checks for duplicates first); machine changes are registry writes (§7.1, §7.2).
 *
 * How a draft becomes an offer (only once the engine registers the id) is rules/remedy-proposal.ts.
 */
import type { RemedyScope } from '../../causes/cause-catalog.js';
import { proposeRemedies, proposeRemedy, type RemedyDraft } from '../remedy-proposal.js';
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
  'iis.set-pool-identity',
  'domain.enable-aes',
  'domain.farm-identity',
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
  'iis.set-pool-identity': 'iis',
  'domain.enable-aes': 'domain',
  'domain.farm-identity': 'domain',
};

export type ServerRemedyDraft = RemedyDraft<ServerRemedyId>;

export function serverRemedyScope(id: ServerRemedyId): RemedyScope {
  return scopes[id];
}

/** The offer for a draft, or null while the engine has not registered that remedy id. */
export function proposeServerRemedy(draft: ServerRemedyDraft): RemedyProposal | null {
  return proposeRemedy(scopes, draft);
}

export function proposeServerRemedies(drafts: readonly ServerRemedyDraft[]): RemedyProposal[] {
  return proposeRemedies(scopes, drafts);
}

/** appcmd's location for an application: `Site/` for the root, `Site/app` otherwise (§4.3). */
export function appcmdLocation(siteName: string, path: string): string {
  return path === '/' ? siteName : `${siteName}${path}`;
}
