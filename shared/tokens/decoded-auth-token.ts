/**
 * The JSON shape of a decoded Negotiate / Kerberos / NTLM token — what `iwa-doctor decode
 * --json` prints and what the Token inspector shows. Rules see decoded tokens through the
 * evidence that carries them (`live-*` legs, `har-exchange`), summarised from this shape.
 * Other tools rely on these names (issue 3): change them only by adding.
 * It never contains raw token bytes: names, numbers and sizes only.
 */
import type { AuthHeaderName, AuthScheme, TokenDirection } from './auth-header.js';
import type { KerberosFacts, Mechanism } from './carried-token.js';
import type { MechanismOid } from './mechanism-oids.js';
import type { NegoexFacts } from './negoex-messages.js';
import type { NtlmFacts } from './ntlm-messages.js';
import type { SpnegoFacts } from './spnego.js';
import type { TokenField } from './token-field.js';

export type { KerberosFacts, Mechanism, NegoexFacts, NtlmFacts, SpnegoFacts, TokenField };

/** How the token is packaged, outermost first. */
export type TokenContainer =
  'spnego' | 'gss-kerberos' | 'bare-kerberos' | 'raw-ntlmssp' | 'negoex' | 'gss-other' | 'no-token';

export interface DecodedAuthToken {
  /** The HTTP auth scheme named in the input (`Negotiate`, `NTLM`, `Kerberos`), null for bare base64. */
  readonly scheme: AuthScheme | null;
  readonly headerName: AuthHeaderName | null;
  /** From the header name, or inferred from the message when the input was bare. */
  readonly direction: TokenDirection;
  readonly container: TokenContainer;
  /** The mechanism whose message the token really carries. */
  readonly mechanism: Mechanism;
  readonly tokenLength: number;
  /** A challenge without a token (`WWW-Authenticate: Negotiate, NTLM`): the schemes offered. */
  readonly offeredSchemes: readonly AuthScheme[];
  /**
   * The schemes of the header's other challenges, as spelled, when one header holds several
   * (a merged `WWW-Authenticate: Negotiate oRQw…==, NTLM` gives `["NTLM"]`); otherwise empty.
   */
  readonly alsoOffered: readonly string[];
  readonly spnego: SpnegoFacts | null;
  readonly kerberos: KerberosFacts | null;
  readonly ntlm: NtlmFacts | null;
  readonly negoex: NegoexFacts | null;
  /** GSS-API mechanism of a token this tool cannot look into. */
  readonly unknownMechanism: MechanismOid | null;
  /** True for NTLMSSP under the Negotiate scheme, raw or inside SPNEGO: Kerberos was not used. */
  readonly ntlmInsideNegotiate: boolean;
  /** One line in plain words, e.g. "Kerberos ticket for HTTP/web01.contoso.com in CONTOSO.COM". */
  readonly verdict: string;
  /** Things worth a second look that did not stop the decode. */
  readonly notes: readonly string[];
  readonly fields: readonly TokenField[];
}
