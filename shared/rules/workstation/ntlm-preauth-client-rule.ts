/**
 * ntlm-preauth-kernel-mode, client half (causes.md, seed S2; reference §2.2, KB 2749007):
 * Internet Explorer pre-authenticates (its first request already carries `Authorization:`),
 * which a kernel-mode IIS application answers with 401.1 on the first request. The client fix
 * is `DisableNTLMPreAuth` = 1 in HKCU Internet Settings.
 *
 * Pre-authentication is Windows' default, so on its own it proves nothing: the cause needs the
 * server half (kernel-mode authentication on for the application, seen in IIS evidence). When
 * that evidence is there, the server rule (rules/server/ntlm-preauth-kernel-mode-rule.ts) makes
 * ONE finding of both halves, with the client fix first (no administrator rights needed). This
 * rule only says what the client half rules out.
 */
import { evidenceOfKind } from '../../model/evidence.js';
import type { RuledOut } from '../../model/finding.js';
import type { Rule } from '../rule.js';
import './workstation-evidence.js';

export const ntlmPreauthClientRule: Rule = ({ evidence }) => {
  const ruledOut: RuledOut[] = [];
  for (const item of evidenceOfKind(evidence, 'wininet-auth-settings')) {
    if (item.facts.disableNtlmPreAuth.value !== 1) continue;
    ruledOut.push({
      cause: 'ntlm-preauth-kernel-mode',
      summary: 'DisableNTLMPreAuth = 1: this browser does not send its sign-in ahead of the server asking.',
      evidence: [item.id],
    });
  }
  return { findings: [], ruledOut };
};
