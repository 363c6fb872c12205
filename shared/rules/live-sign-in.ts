/**
 * Findings of the live sign-in test: what the real exchange (anonymous request → offers →
 * ticket for the SPN a browser asks for → signed request) proves. Each cause and its proof
 * follow ../shared/causes.md; the Kerberos facts follow reference §2.4, §5.1, §6.1, §6.2,
 * §7.2 and §7.3.
 */
import { getCause, type CauseId } from '../causes/cause-catalog.js';
import { evidenceOfKind, type Evidence } from '../model/evidence.js';
import type { Confidence, RuledOut } from '../model/finding.js';
import type { LiveHttpLegFacts, LiveKerberosTicketFacts } from '../live/live-evidence.js';
import type { FindingDraft, Rule } from './rule.js';
import '../live/live-evidence.js';

const everyBrowser =
  'Every browser (Edge, Chrome, Firefox, Internet Explorer): the server or the domain decides this.';
const browsersBuildingSpn =
  'Edge, Chrome and Internet Explorer by default (they follow the CNAME and leave the port out); Firefox likewise unless configured.';

/** Kerberos errors inside the server's reply that mean "I cannot decrypt your ticket" (reference §6.2). */
const undecryptableTicketErrors = new Map<number, string>([
  [31, 'KRB_AP_ERR_BAD_INTEGRITY'],
  [41, 'KRB_AP_ERR_MODIFIED'],
  [44, 'KRB_AP_ERR_BADKEYVER'],
  [45, 'KRB_AP_ERR_NOKEY'],
]);
const clockSkewError = 37;

interface Proof {
  readonly cause: CauseId;
  readonly confidence: Confidence;
  readonly explanation: string;
  readonly evidence: readonly string[];
  readonly browsers?: string;
}

function finding(proof: Proof): FindingDraft {
  return {
    cause: proof.cause,
    confidence: proof.confidence,
    title: getCause(proof.cause).title,
    explanation: proof.explanation,
    evidence: [...proof.evidence],
    ...(proof.browsers ? { browsers: proof.browsers } : {}),
    remedies: [],
  };
}

function hasOffer(facts: LiveHttpLegFacts, scheme: string): boolean {
  return facts.offers.some((offer) => offer.toLowerCase() === scheme.toLowerCase());
}

function isSuccess(status: number | null): boolean {
  return status !== null && status >= 200 && status < 400;
}

export const liveSignInRule: Rule = ({ evidence }) => {
  const findings: FindingDraft[] = [];
  const ruledOut: RuledOut[] = [];
  const anonymousItem = evidenceOfKind(evidence, 'live-anonymous-request')[0];
  if (!anonymousItem || anonymousItem.facts.failure) return { findings, ruledOut };
  const anonymous = anonymousItem.facts;
  const host = hostOf(anonymous.finalUrl);

  // 1. Does the server ask for Windows sign-in at all? (causes: windows-auth-disabled, providers-misconfigured)
  if (anonymous.status !== 401) {
    findings.push(
      finding({
        cause: 'windows-auth-disabled',
        confidence: isSuccess(anonymous.status) ? 'confirmed' : 'possible',
        explanation: isSuccess(anonymous.status)
          ? `${host} answered ${anonymous.status} to a request without any credentials, so it lets everyone in anonymously and never asks the browser to sign in with Windows. If the site should know who you are, anonymous access is on or Windows authentication is off for this application.`
          : `${host} answered ${anonymous.status} without offering Windows sign-in (no WWW-Authenticate: Negotiate or NTLM), so no browser will try to sign in.`,
        evidence: [anonymousItem.id],
        browsers: everyBrowser,
      }),
    );
    return { findings, ruledOut };
  }
  const offersNegotiate = hasOffer(anonymous, 'Negotiate');
  const offersNtlm = hasOffer(anonymous, 'NTLM');
  if (!offersNegotiate && !offersNtlm) {
    findings.push(
      finding({
        cause: 'windows-auth-disabled',
        confidence: 'likely',
        explanation: `${host} answers 401 but offers ${anonymous.offers.join(', ') || 'no sign-in method at all'} instead of Negotiate or NTLM (the IIS 401.2 case): Windows authentication is not enabled for this application, so the browser can only prompt.`,
        evidence: [anonymousItem.id],
        browsers: everyBrowser,
      }),
    );
    return { findings, ruledOut };
  }
  ruledOut.push({
    cause: 'windows-auth-disabled',
    summary: `${host} asks for Windows sign-in (${anonymous.offers.join(', ')}).`,
    evidence: [anonymousItem.id],
  });
  if (!offersNegotiate) {
    findings.push(
      finding({
        cause: 'providers-misconfigured',
        confidence: 'confirmed',
        explanation: `${host} offers only NTLM (WWW-Authenticate: NTLM) and not Negotiate, so Kerberos is never used: browsers sign in with NTLM where they can and prompt where they cannot (another domain, Protected Users, NTLM blocked). The Windows authentication providers should be "Negotiate, NTLM".`,
        evidence: [anonymousItem.id],
        browsers: everyBrowser,
      }),
    );
    return { findings, ruledOut };
  }
  ruledOut.push({
    cause: 'providers-misconfigured',
    summary: `${host} offers Negotiate, so Kerberos can be used.`,
    evidence: [anonymousItem.id],
  });

  // 2. Can this user get a ticket for the SPN a browser asks for? (spn-missing, cname-alias-spn, port-in-spn, kdc-unreachable)
  const spnItem = evidenceOfKind(evidence, 'live-browser-spn')[0];
  if (spnItem && spnItem.facts.requested === null) {
    // Browsers build no SPN for an IP-literal host (reference §2.4 CreateSPN, §7.3): Kerberos
    // needs a name, so Negotiate falls back to NTLM — expected, not a fault of the site.
    findings.push(
      finding({
        cause: 'spn-missing',
        confidence: 'likely',
        explanation: `The address uses the IP address ${spnItem.facts.typedHost} instead of a name. Kerberos tickets are issued for names (HTTP/<name>), so browsers ask for no ticket for an address and Negotiate falls back to NTLM — that is expected, not a fault of the site.${offersNtlm ? ' The site also offers NTLM, so sign-in works where NTLM is allowed and prompts where it is not.' : ' The site offers no NTLM fallback, so browsers prompt for a password.'} Use the site's DNS name (the one its HTTP/<name> SPN is registered for) to sign in with Kerberos.`,
        evidence: [anonymousItem.id, spnItem.id],
        browsers: everyBrowser,
      }),
    );
    return { findings, ruledOut };
  }
  const tickets = evidenceOfKind(evidence, 'live-kerberos-ticket');
  const browserTicket = tickets.find((item) => item.facts.role === 'browser');
  if (!browserTicket) return { findings, ruledOut };
  const spn = browserTicket.facts.spn;
  const fallback = offersNtlm
    ? ' Because the site also offers NTLM, browsers then fall back to NTLM silently where they can, and prompt where they cannot.'
    : ' The site offers no NTLM fallback, so the browser prompts for a password that cannot work.';
  const spnEvidence = (ticket: Evidence): string[] => [
    anonymousItem.id,
    ...(spnItem ? [spnItem.id] : []),
    browserTicket.id,
    ...(ticket === browserTicket ? [] : [ticket.id]),
  ];
  const otherForm = (role: LiveKerberosTicketFacts['role']): Evidence<'live-kerberos-ticket'> | undefined =>
    tickets.find((item) => item.facts.role === role && item.facts.outcome === 'token');

  switch (browserTicket.facts.outcome) {
    case 'principal-unknown': {
      const alias = otherForm('alias');
      const otherPort = otherForm('other-port');
      if (alias && spnItem) {
        findings.push(
          finding({
            cause: 'cname-alias-spn',
            confidence: 'confirmed',
            explanation: `${spnItem.facts.typedHost} is a DNS alias (CNAME) of ${spnItem.facts.spnHost}. Browsers follow the alias and ask the domain for ${spn}, which does not exist (KDC_ERR_S_PRINCIPAL_UNKNOWN), although ${alias.facts.spn} is registered.${fallback} Register ${spn} on the account that runs the site, or make ${spnItem.facts.typedHost} an A record.`,
            evidence: spnEvidence(alias),
            browsers: browsersBuildingSpn,
          }),
        );
      } else if (otherPort && spnItem) {
        findings.push(
          finding({
            cause: 'port-in-spn',
            confidence: 'confirmed',
            explanation: spnItem.facts.portOmitted
              ? `The site runs on port ${spnItem.facts.port}. Browsers leave the port out of the SPN and ask for ${spn}, which does not exist; only ${otherPort.facts.spn} (with the port) is registered.${fallback} Register ${spn}, or turn on the port-in-SPN browser policy on every client.`
              : `Browsers here include the port and ask for ${spn}, which does not exist; only ${otherPort.facts.spn} is registered.${fallback}`,
            evidence: spnEvidence(otherPort),
            browsers: browsersBuildingSpn,
          }),
        );
      } else {
        findings.push(
          finding({
            cause: 'spn-missing',
            confidence: 'confirmed',
            explanation: `Browsers ask the domain for a ticket for ${spn}, and the domain answers that no account has this SPN (KDC_ERR_S_PRINCIPAL_UNKNOWN).${fallback} Register ${spn} on the account the site runs as.`,
            evidence: spnEvidence(browserTicket),
            browsers: everyBrowser,
          }),
        );
      }
      return { findings, ruledOut };
    }
    case 'principal-not-unique':
      findings.push(
        finding({
          cause: 'spn-duplicate',
          confidence: 'confirmed',
          explanation: `The domain refuses to issue a ticket for ${spn} because more than one account holds that SPN (KDC_ERR_PRINCIPAL_NOT_UNIQUE).${fallback}`,
          evidence: spnEvidence(browserTicket),
          browsers: everyBrowser,
        }),
      );
      return { findings, ruledOut };
    case 'timed-out':
      findings.push(
        finding({
          cause: 'kdc-unreachable',
          confidence: 'likely',
          explanation: `Asking for a ticket for ${spn} got no answer in time (${browserTicket.facts.message ?? 'timed out'}). The Kerberos library keeps retrying when no domain controller (KDC) answers — a firewall dropping port 88, or no VPN.${fallback}`,
          evidence: spnEvidence(browserTicket),
          browsers: everyBrowser,
        }),
      );
      return { findings, ruledOut };
    case 'kdc-unreachable':
      findings.push(
        finding({
          cause: 'kdc-unreachable',
          confidence: 'confirmed',
          explanation: `Asking for a ticket for ${spn} failed because no domain controller (KDC) answered: ${browserTicket.facts.message ?? 'no KDC reachable'}. Off the company network or without VPN, Kerberos cannot work.${fallback}`,
          evidence: spnEvidence(browserTicket),
          browsers: everyBrowser,
        }),
      );
      return { findings, ruledOut };
    case 'clock-skew':
      findings.push(
        finding({
          cause: 'clock-skew',
          confidence: 'confirmed',
          explanation: `The domain refused the ticket request for ${spn} because this computer's clock differs too much from the domain's (KRB_AP_ERR_SKEW).${fallback}`,
          evidence: spnEvidence(browserTicket),
          browsers: everyBrowser,
        }),
      );
      return { findings, ruledOut };
    case 'no-credentials':
      findings.push(
        finding({
          cause: 'local-account-ntlm',
          confidence: 'possible',
          explanation: `This account has no Kerberos credentials, so no ticket for ${spn} could be requested (${browserTicket.facts.message ?? 'no credentials'}). That is what happens when you are signed in with a local account rather than a domain account, or your domain sign-in has expired.${fallback}`,
          evidence: spnEvidence(browserTicket),
          browsers: everyBrowser,
        }),
      );
      return { findings, ruledOut };
    case 'token':
      if (browserTicket.facts.token?.mechanism === 'ntlm') {
        // Windows SSPI does not report why Kerberos failed: Negotiate silently sends NTLM
        // (reference §8.1, "if it was a 'Y', it would be Kerberos"). These are the usual reasons.
        const why = `Asked for ${spn}, Windows produced an NTLM token instead of a Kerberos ticket: Kerberos failed on this computer before anything was sent.`;
        const evidenceIds = spnEvidence(browserTicket);
        findings.push(
          finding({
            cause: 'spn-missing',
            confidence: 'possible',
            explanation: `${why} Most often no account holds ${spn}.`,
            evidence: evidenceIds,
            browsers: everyBrowser,
          }),
          finding({
            cause: 'kdc-unreachable',
            confidence: 'possible',
            explanation: `${why} It also happens when no domain controller can be reached.`,
            evidence: evidenceIds,
            browsers: everyBrowser,
          }),
          finding({
            cause: 'local-account-ntlm',
            confidence: 'possible',
            explanation: `${why} It also happens when you are signed in with a local account.`,
            evidence: evidenceIds,
            browsers: everyBrowser,
          }),
        );
        return { findings, ruledOut };
      }
      ruledOut.push(
        {
          cause: 'spn-missing',
          summary: `The domain issued a ticket for ${spn}.`,
          evidence: [browserTicket.id],
        },
        {
          cause: 'kdc-unreachable',
          summary: 'A domain controller (KDC) answered.',
          evidence: [browserTicket.id],
        },
      );
      if (spnItem && spnItem.facts.cnameFollowed) {
        ruledOut.push({
          cause: 'cname-alias-spn',
          summary: `${spn}, the name behind the alias, is registered.`,
          evidence: [spnItem.id, browserTicket.id],
        });
      }
      break;
    default:
      // unavailable, failed: nothing proven about the site; the exchange says why.
      return { findings, ruledOut };
  }

  // 3. What did the server do with the ticket? (challenge-normal, kerberos-token-too-large, spn-wrong-account)
  const signedItem = evidenceOfKind(evidence, 'live-authenticated-request')[0];
  if (!signedItem || signedItem.facts.failure) return { findings, ruledOut };
  const signed = signedItem.facts;
  const legs = [anonymousItem.id, browserTicket.id, signedItem.id];
  if (isSuccess(signed.status)) {
    findings.push(
      finding({
        cause: 'challenge-normal',
        confidence: 'confirmed',
        explanation: `The first request got 401 with WWW-Authenticate: ${anonymous.offers.join(', ')}: that is the normal first step, not an error. With a Kerberos ticket for ${spn} the site answered ${signed.status}${signed.responseToken ? ` and proved its own identity (${signed.responseToken.description})` : ''}. Kerberos sign-in to this site works for this account.`,
        evidence: legs,
        browsers: everyBrowser,
      }),
    );
    ruledOut.push(
      { cause: 'spn-wrong-account', summary: `The site decrypted the ticket for ${spn}.`, evidence: legs },
      {
        cause: 'kerberos-token-too-large',
        summary: `The site accepted a ${signed.authorizationHeaderChars ?? '?'}-character Authorization header.`,
        evidence: legs,
      },
    );
    return { findings, ruledOut };
  }
  if (signed.status === 400) {
    findings.push(
      finding({
        cause: 'kerberos-token-too-large',
        confidence: 'confirmed',
        explanation: `Without credentials the site answers 401, but the same request carrying the Kerberos token (an Authorization header of ${signed.authorizationHeaderChars ?? '?'} characters, ${signed.requestToken?.bytes ?? '?'} bytes of token) gets HTTP 400 Bad Request: the server's request-header limit is smaller than the token. On IIS raise MaxFieldLength and MaxRequestBytes (reference §7.2).`,
        evidence: legs,
        browsers: everyBrowser,
      }),
    );
    return { findings, ruledOut };
  }
  if (signed.status === 401) {
    const error = signed.responseToken?.kerberosError ?? null;
    if (error && error.code === clockSkewError) {
      findings.push(
        finding({
          cause: 'clock-skew',
          confidence: 'confirmed',
          explanation: `The site refused the ticket for ${spn} with KRB_AP_ERR_SKEW: the clocks of this computer and the web server differ too much.`,
          evidence: legs,
          browsers: everyBrowser,
        }),
      );
      return { findings, ruledOut };
    }
    const undecryptable = error ? undecryptableTicketErrors.get(error.code) : undefined;
    const ticketKvno = browserTicket.facts.token?.kvno;
    // Over HTTPS a plain 401 may also be Extended Protection: the kerberos package sends no
    // channel bindings, and IIS with tokenChecking=Require refuses a token without them
    // (reference §7.4) — the same answer a wrong key gives, so neither is more than possible.
    const overHttps = signed.url.startsWith('https:');
    const withoutKerberosError = !undecryptable && overHttps;
    findings.push(
      finding({
        cause: 'spn-wrong-account',
        confidence: undecryptable ? 'confirmed' : overHttps ? 'possible' : 'likely',
        explanation:
          `The domain issued a valid ticket for ${spn}${ticketKvno !== null && ticketKvno !== undefined ? ` (key version ${ticketKvno})` : ''}, but the site ` +
          (undecryptable
            ? `rejected it with ${undecryptable}: it cannot decrypt the ticket because its key is not the key of the account that holds the SPN (the SPN is on another account, or that account's password changed and the server still has the old key).`
            : `still answered 401: the account that runs the site is ${overHttps ? 'perhaps' : 'most likely'} not the account that holds ${spn}, so it cannot decrypt the ticket.`) +
          ' Move the SPN to the account the site runs as, or run the site as the account that holds it.',
        evidence: legs,
        browsers: everyBrowser,
      }),
    );
    if (withoutKerberosError) {
      findings.push(
        finding({
          cause: 'epa-channel-binding',
          confidence: 'possible',
          explanation: `The site is HTTPS and refused a valid ticket for ${spn} without a Kerberos error. IIS with Extended Protection set to Require (extendedProtection tokenChecking="Require") refuses any token that is not bound to the TLS channel; this test sends none, and behind a load balancer or proxy that ends TLS, browsers' bindings match the device's certificate instead of the server's. Check the site's Windows authentication Extended Protection setting: with TLS ending before IIS, use tokenChecking="Allow", or "Require" with flags="Proxy" and the public names as <spn name="HTTP/${spnItem?.facts.spnHost ?? host}"/> (reference §7.4).`,
          evidence: legs,
          browsers: everyBrowser,
        }),
      );
    }
  }
  return { findings, ruledOut };
};

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
