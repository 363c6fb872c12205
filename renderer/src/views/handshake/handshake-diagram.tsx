/**
 * The live sign-in exchange as a sequence diagram: three lifelines (domain KDC, this
 * computer, web server) and one arrow per leg, in order. It is an ordered list underneath,
 * so a screen reader reads "step 3, this computer to domain KDC: …" with the status in
 * words; the arrows are decoration (aria-hidden). Status never relies on colour alone.
 */
import type { ExchangeLeg, ExchangeParty, LiveExchange } from '../../../../shared/live/live-exchange.js';
import type { TokenSummary } from '../../../../shared/live/token-summary.js';
import './handshake-diagram.css';

/** KDC | client | server, so every leg runs between neighbouring lifelines. */
const laneOrder: readonly ExchangeParty[] = ['kdc', 'client', 'server'];

const tokenKindLabels: Record<TokenSummary['kind'], string> = {
  'spnego-init': 'SPNEGO NegTokenInit',
  'spnego-response': 'SPNEGO NegTokenResp',
  'kerberos-ap-req': 'Kerberos AP-REQ (ticket and authenticator)',
  'kerberos-ap-rep': 'Kerberos AP-REP (server proves its identity)',
  'kerberos-error': 'Kerberos KRB-ERROR',
  'ntlm-negotiate': 'NTLM NEGOTIATE (type 1)',
  'ntlm-challenge': 'NTLM CHALLENGE (type 2)',
  'ntlm-authenticate': 'NTLM AUTHENTICATE (type 3)',
  unknown: 'unrecognised token',
};

const statusWords: Record<ExchangeLeg['status'], string> = {
  ok: 'succeeded',
  problem: 'problem',
  info: 'normal step',
};
const statusMarks: Record<ExchangeLeg['status'], string> = { ok: '✓', problem: '✗', info: '•' };

function laneIndex(party: ExchangeParty): number {
  return laneOrder.indexOf(party);
}

function LegArrow({ leg }: { readonly leg: ExchangeLeg }) {
  const from = laneIndex(leg.from);
  const to = laneIndex(leg.to);
  const left = Math.min(from, to);
  const pointsRight = to > from;
  // The arrow spans the two lanes' columns and runs between their centres (25% → 75%).
  return (
    <svg
      className={`handshake-arrow handshake-arrow-${pointsRight ? 'right' : 'left'}`}
      style={{ gridColumn: `${left + 1} / span ${Math.abs(to - from) + 1}` }}
      viewBox="0 0 100 10"
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      <line x1="25" y1="5" x2="75" y2="5" vectorEffect="non-scaling-stroke" />
      {pointsRight ? <polygon points="75,5 71,2 71,8" /> : <polygon points="25,5 29,2 29,8" />}
    </svg>
  );
}

function TokenFacts({ token }: { readonly token: TokenSummary }) {
  const facts: [string, string][] = [
    ['What', token.description],
    ['Size', `${token.bytes} bytes (${token.base64Chars} characters in the header)`],
  ];
  if (token.spn) facts.push(['SPN', token.spn]);
  if (token.realm) facts.push(['Realm', token.realm]);
  if (token.etype) facts.push(['Encryption', token.etype]);
  if (token.kvno !== null) facts.push(['Key version', String(token.kvno)]);
  if (token.negState) facts.push(['SPNEGO state', token.negState]);
  if (token.kerberosError)
    facts.push(['Kerberos error', `${token.kerberosError.name} (${token.kerberosError.code})`]);
  if (token.decodeError) facts.push(['Could not read', token.decodeError]);
  return (
    <details className="handshake-token">
      <summary>
        {token.scheme} token: {tokenKindLabels[token.kind]}
      </summary>
      <dl>
        {facts.map(([name, value]) => (
          <div key={name} className="handshake-token-fact">
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

export function HandshakeDiagram({ exchange }: { readonly exchange: LiveExchange }) {
  const labelOf = (party: ExchangeParty): string =>
    exchange.participants.find((participant) => participant.id === party)?.label ?? party;
  const headingId = `handshake-heading-${exchange.url.replace(/[^A-Za-z0-9]/g, '-')}`;
  return (
    <section className={`handshake handshake-verdict-${exchange.verdict}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="handshake-heading">
        Sign-in exchange
      </h3>
      <p className="handshake-summary">
        {exchange.summary}
        {exchange.spn ? (
          <>
            {' '}
            SPN a browser asks for: <code>{exchange.spn}</code>.
          </>
        ) : null}
      </p>
      <div className="handshake-diagram">
        <ul className="handshake-lanes" aria-label="Participants">
          {laneOrder.map((party) => (
            <li key={party} className={`handshake-lane handshake-lane-${party}`}>
              {labelOf(party)}
            </li>
          ))}
        </ul>
        <ol className="handshake-legs" aria-label="Steps of the exchange">
          {exchange.legs.map((leg) => (
            <li key={leg.step} className={`handshake-leg handshake-status-${leg.status}`}>
              <LegArrow leg={leg} />
              <div
                className="handshake-text"
                style={{ gridColumn: `${Math.min(laneIndex(leg.from), laneIndex(leg.to)) + 1} / span 2` }}
              >
                <p className="handshake-label">
                  <span className="handshake-mark" aria-hidden="true">
                    {statusMarks[leg.status]}
                  </span>{' '}
                  <span className="handshake-visually-hidden">
                    Step {leg.step}, {labelOf(leg.from)} to {labelOf(leg.to)}, {statusWords[leg.status]}:{' '}
                  </span>
                  {leg.label}
                </p>
                {leg.detail ? <p className="handshake-detail">{leg.detail}</p> : null}
                {leg.token ? <TokenFacts token={leg.token} /> : null}
              </div>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
