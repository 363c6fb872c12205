/**
 * kerberos-token-too-large (causes.md; reference §7.2, KB 2020943 / KB 820129): a Kerberos
 * token longer than http.sys accepts gives "HTTP 400 - Bad Request (Request header too
 * long)". With the token size measured the rule is sure; from the symptom alone it is likely.
 * Sizing: both limits at 4/3·T + 200; with T unknown, T = 48000 (the MaxTokenSize §7.2
 * pairs with a 64 KB MaxFieldLength).
 */
import { getCause } from '../../causes/cause-catalog.js';
import { evidenceOfKind } from '../../model/evidence.js';
import type { RuledOut } from '../../model/finding.js';
import {
  negotiateHeaderLength,
  recommendedHttpSysLimits,
  tokenExceedsLimits,
} from '../../iis/httpsys-limits.js';
import type { FindingDraft, Rule } from '../rule.js';
import { proposeServerRemedies } from './server-remedies.js';
import './server-evidence.js';

const assumedTokenBytes = 48000;

export const kerberosTokenTooLargeRule: Rule = ({ evidence, target }) => {
  const findings: FindingDraft[] = [];
  const ruledOut: RuledOut[] = [];
  const token =
    evidenceOfKind(evidence, 'negotiate-token-size').find((item) => item.facts.mechanism === 'kerberos') ??
    null;
  for (const item of evidenceOfKind(evidence, 'httpsys-limits')) {
    const { limits } = item.facts;
    const limitText = `MaxFieldLength ${limits.maxFieldLength}${limits.explicit.maxFieldLength ? '' : ' (default)'}, MaxRequestBytes ${limits.maxRequestBytes}${limits.explicit.maxRequestBytes ? '' : ' (default)'}`;
    const measured = token?.facts.tokenBytes ?? null;
    // Without a measured token, the 400 symptom points here only while the limits are below what
    // the largest token (MaxTokenSize 48 KB, §7.2) needs: once raised, the 400 has another cause.
    const exceeds =
      measured !== null
        ? tokenExceedsLimits(measured, limits)
        : target.symptom === 'http-400' && tokenExceedsLimits(assumedTokenBytes, limits);
    if (!exceeds) {
      ruledOut.push({
        cause: 'kerberos-token-too-large',
        summary:
          measured !== null
            ? `Your Kerberos token (${measured} bytes, a ${negotiateHeaderLength(measured)}-character header) fits http.sys limits (${limitText}).`
            : target.symptom === 'http-400'
              ? `http.sys limits (${limitText}) already fit the largest Kerberos token (${assumedTokenBytes} bytes), so the 400 has another cause.`
              : `No "Request header too long" reported; http.sys limits are ${limitText}.`,
        evidence: [item.id, ...(token ? [token.id] : [])],
      });
      continue;
    }
    const sized = recommendedHttpSysLimits(measured ?? assumedTokenBytes);
    findings.push({
      cause: 'kerberos-token-too-large',
      confidence: measured !== null ? 'confirmed' : 'likely',
      title: getCause('kerberos-token-too-large').title,
      explanation:
        (measured !== null
          ? `Your Kerberos token is ${measured} bytes; sent as "Authorization: Negotiate …" it is ${negotiateHeaderLength(measured)} characters, more than http.sys on this server accepts (${limitText}). `
          : `"HTTP 400 Request header too long" with Windows sign-in means the Kerberos token is larger than http.sys accepts (${limitText}). `) +
        `Tokens grow with the number of groups a user belongs to. Raise both limits to ${sized.maxFieldLength} (the sizing rule 4/3 × token + 200); ` +
        `http.sys must restart for it to take effect (net stop http / net start http, which briefly stops every site on this server).`,
      evidence: [item.id, ...(token ? [token.id] : [])],
      browsers: 'every browser; affects users in many groups',
      remedies: proposeServerRemedies([
        {
          remedy: 'machine.httpsys-limits',
          title: `Raise http.sys limits to ${sized.maxFieldLength} bytes`,
          params: { maxFieldLength: sized.maxFieldLength, maxRequestBytes: sized.maxRequestBytes },
        },
      ]),
    });
  }
  return { findings, ruledOut };
};
