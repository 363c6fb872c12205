/**
 * From HAR issues to findings. A HAR shows the wire, not the configuration: what a token
 * proves (NTLM inside Negotiate, a split connection, a 400 on a large header) is `likely`;
 * a reason it only suggests is `possible` ("consistent with").
 */
import type { CauseId } from '../causes/cause-catalog.js';
import type { Evidence } from '../model/evidence.js';
import type { Confidence, Finding } from '../model/finding.js';
import type { HarExchange } from './har-exchange.js';
import type { HarExchangeEvidenceFacts } from './har-exchange-evidence.js';
import type { HarIssue } from './har-issues.js';

interface Mapping {
  readonly cause: CauseId;
  readonly confidence: Confidence;
  readonly title: string;
  /** When the issue's own detail would argue for another cause than this one. */
  readonly explanation?: string;
}

function legLine(exchange: HarExchange, index: number): string {
  const leg = exchange.legs[index];
  if (!leg) return '';
  const sent = leg.sentRedacted ? 'auth header removed' : leg.sent ? leg.sent.verdict : 'no credentials';
  const received = leg.received
    ? `; server token: ${leg.received.verdict}`
    : leg.offers.length > 0
      ? `; offers ${leg.offers.join(', ')}`
      : '';
  return `#${leg.index} ${leg.time} conn=${leg.connection ?? '-'}${leg.serverIp ? ` server=${leg.serverIp}` : ''} sent: ${sent} → ${leg.iisSubstatus ?? leg.status}${received}`;
}

function mappingsFor(issue: HarIssue, exchange: HarExchange): Mapping[] {
  switch (issue.kind) {
    case 'ntlm-not-kerberos': {
      if (issue.reason === 'ntlm-scheme')
        return [
          {
            cause: 'negotiate-disabled',
            confidence: 'likely',
            title: 'The browser answered a Negotiate offer with the NTLM scheme',
            explanation: `${issue.detail} That is what a browser does when Integrated Windows Authentication (Negotiate) is turned off in it (EnableNegotiate = 0, §2.1): it does not try Kerberos at all, so SPNs and domain controllers are not the question here.`,
          },
        ];
      if (issue.reason === 'short-name')
        return [
          {
            cause: 'spn-netbios-missing',
            confidence: 'possible',
            title: 'NTLM instead of Kerberos for the short host name',
          },
        ];
      if (issue.reason === 'non-default-port')
        return [
          {
            cause: 'port-in-spn',
            confidence: 'possible',
            title: 'NTLM instead of Kerberos on a non-default port',
          },
        ];
      if (issue.reason === 'ip-address')
        return [
          {
            cause: 'spn-missing',
            confidence: 'possible',
            title: 'NTLM instead of Kerberos: the site was addressed by IP',
          },
        ];
      return [
        {
          cause: 'spn-missing',
          confidence: 'possible',
          title: 'NTLM instead of Kerberos: no ticket for the site',
        },
        {
          cause: 'kdc-unreachable',
          confidence: 'possible',
          title: 'NTLM instead of Kerberos: maybe no domain controller reachable',
        },
      ];
    }
    case 'ntlm-only-offered':
      return [
        { cause: 'providers-misconfigured', confidence: 'likely', title: 'The server offers NTLM only' },
      ];
    case 'preauth-rejected':
      return [
        {
          cause: 'ntlm-preauth-kernel-mode',
          confidence:
            exchange.legs[0]?.iisSubstatus === '401.1' && exchange.outcome !== 'success'
              ? 'likely'
              : 'possible',
          title: 'Pre-authenticated first request refused',
        },
      ];
    case 'repeated-prompts':
      return exchange.legs.some((leg) => leg.sent?.mechanism === 'kerberos' && leg.status === 401)
        ? [
            {
              cause: 'spn-wrong-account',
              confidence: 'possible',
              title: 'A Kerberos ticket was refused and the prompts repeat',
            },
          ]
        : [
            {
              cause: 'stored-credentials',
              confidence: 'possible',
              title: 'Credentials were refused and the prompts repeat',
            },
          ];
    case 'ntlm-legs-split':
      return exchange.target === 'proxy'
        ? [
            {
              cause: 'proxy-in-path',
              confidence: 'likely',
              title: 'NTLM legs to the proxy on different connections',
            },
          ]
        : [
            {
              cause: 'farm-shared-name',
              confidence: exchange.outcome === 'success' ? 'possible' : 'likely',
              title: 'NTLM legs on different connections',
            },
          ];
    case 'large-token-400':
      return [
        {
          cause: 'kerberos-token-too-large',
          confidence: 'likely',
          title: 'Request header too long for the server',
        },
      ];
    case 'channel-bindings-present':
    case 'channel-bindings-absent':
      return exchange.outcome === 'success'
        ? []
        : [
            {
              cause: 'epa-channel-binding',
              confidence: 'possible',
              title: 'Sign-in over HTTPS refused: consistent with Extended Protection',
            },
          ];
    case 'proxy-auth':
      return exchange.outcome === 'success'
        ? []
        : [{ cause: 'proxy-in-path', confidence: 'likely', title: 'Sign-in to the proxy did not succeed' }];
    case 'tokens-removed':
      return [];
  }
}

/** `idPrefix` keeps evidence ids unique when several HAR files go into one report. */
export function harFindings(
  file: string,
  exchanges: readonly HarExchange[],
  issues: readonly HarIssue[],
  idPrefix = 'har',
): { findings: Finding[]; evidence: Evidence[] } {
  const findings: Finding[] = [];
  const evidence: Evidence[] = [];
  const byCauseAndHost = new Map<string, Finding>();
  for (const issue of issues) {
    const exchange = exchanges[issue.exchange];
    if (!exchange) continue;
    const facts: HarExchangeEvidenceFacts = { file, issue, exchange };
    const id = `${idPrefix}-${issue.kind}-${issue.exchange}`;
    evidence.push({
      id,
      probe: 'har-analysis',
      kind: 'har-exchange',
      status:
        issue.kind === 'tokens-removed' ||
        issue.kind === 'channel-bindings-present' ||
        issue.kind === 'proxy-auth'
          ? 'info'
          : 'problem',
      summary: issue.detail,
      facts,
      raw: [
        {
          label: `${file}: exchange ${exchange.id} (${exchange.target} ${exchange.url})`,
          text: exchange.legs.map((_, index) => legLine(exchange, index)).join('\n'),
        },
      ],
    });
    for (const mapping of mappingsFor(issue, exchange)) {
      // One finding per cause and host; further exchanges add their evidence to it.
      const key = `${mapping.cause} ${exchange.host}`;
      const existing = byCauseAndHost.get(key);
      if (existing) {
        if (existing.evidence.length < 20) existing.evidence.push(id);
        continue;
      }
      const finding: Finding = {
        cause: mapping.cause,
        confidence: mapping.confidence,
        title: mapping.title,
        explanation: mapping.explanation ?? issue.detail,
        evidence: [id],
        remedies: [],
      };
      byCauseAndHost.set(key, finding);
      findings.push(finding);
    }
  }
  const normal = exchanges.filter(
    (exchange) =>
      exchange.outcome === 'success' &&
      exchange.legs.length > 1 &&
      (exchange.legs[0]?.status === 401 || exchange.legs[0]?.status === 407),
  );
  if (normal.length > 0 && !issues.some((issue) => issue.kind === 'repeated-prompts')) {
    const ids = normal.slice(0, 20).map((exchange) => {
      const id = `${idPrefix}-normal-${exchange.id}`;
      evidence.push({
        id,
        probe: 'har-analysis',
        kind: 'har-exchange',
        status: 'ok',
        summary: `Exchange ${exchange.id} with ${exchange.host}: challenge, then success (${exchange.mechanism})`,
        facts: { file, issue: null, exchange },
        raw: [
          {
            label: `${file}: exchange ${exchange.id} (${exchange.target} ${exchange.url})`,
            text: exchange.legs.map((_, index) => legLine(exchange, index)).join('\n'),
          },
        ],
      });
      return id;
    });
    findings.push({
      cause: 'challenge-normal',
      confidence: 'confirmed',
      title: 'The first 401/407 is the normal start of sign-in',
      explanation: `${normal.length} exchange(s) began with ${normal[0]?.legs[0]?.status} and an offer of ${[...new Set(normal.flatMap((exchange) => exchange.legs[0]?.offers ?? []))].join(', ') || 'authentication'}, then succeeded (${normal.map((exchange) => exchange.mechanism).join(', ')}): that first challenge is not an error (§5.1).`,
      evidence: ids,
      remedies: [],
    });
  }
  return { findings, evidence };
}
