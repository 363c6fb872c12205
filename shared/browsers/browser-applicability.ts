/**
 * Which browsers a workstation cause applies to (issue 5; reference §1, §2.4, §2.5):
 * Internet Explorer, and Chrome/Edge on Windows, follow the Windows zones and their 1A00
 * logon setting unless a policy (`AuthServerAllowlist`) lists the allowed servers; Firefox never
 * consults zones and uses its own `network.negotiate-auth.trusted-uris`.
 */
import type { ChromiumAuthPolicies } from './chromium-auth-policy.js';

export type BrowserName = 'Internet Explorer' | 'Edge' | 'Chrome' | 'Firefox';

export interface BrowserApplicability {
  readonly zoneFollowers: readonly BrowserName[];
  readonly sentence: string;
}

/** The browsers that follow Windows zones here, and one plain sentence saying so. */
export function zoneCauseApplicability(
  chrome: ChromiumAuthPolicies | null,
  edge: ChromiumAuthPolicies | null,
): BrowserApplicability {
  const followers: BrowserName[] = ['Internet Explorer'];
  const byPolicy: string[] = [];
  if (edge?.authServerAllowlist) byPolicy.push('Edge');
  else followers.push('Edge');
  if (chrome?.authServerAllowlist) byPolicy.push('Chrome');
  else followers.push('Chrome');
  const policyPart =
    byPolicy.length > 0
      ? ` ${byPolicy.join(' and ')} ${byPolicy.length > 1 ? 'use' : 'uses'} the AuthServerAllowlist policy instead of zones here.`
      : '';
  return {
    zoneFollowers: followers,
    sentence: `Applies to ${followers.join(', ')} (they follow the Windows zones).${policyPart} Firefox never uses Windows zones.`,
  };
}

/** Windows-wide client settings (WinINet, SSPI, Credential Manager, Kerberos ticket cache) apply to every browser using Windows sign-in. */
export const windowsWideApplicability =
  'Applies to every browser that signs in with Windows (Internet Explorer, Edge, Chrome, and Firefox through SSPI).';

/** WinINet-only settings (EnableNegotiate, DisableNTLMPreAuth) apply to Internet Explorer and programs that use WinINet. */
export const wininetApplicability =
  'Applies to Internet Explorer and other programs built on WinINet (Internet Options); Edge, Chrome and Firefox do not read this setting.';
