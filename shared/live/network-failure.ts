/**
 * Typed network failures of the live sign-in test. Every failure of DNS, TCP, TLS or HTTP
 * becomes one of these with a plain sentence, so the report can say what went wrong instead
 * of the app crashing or printing a stack.
 */

export const networkFailureKinds = [
  'invalid-url',
  'dns-not-found',
  'dns-failure',
  'connection-refused',
  'host-unreachable',
  'timeout',
  'connection-reset',
  'tls-self-signed',
  'tls-untrusted',
  'tls-name-mismatch',
  'tls-expired',
  'tls-failure',
  'too-many-redirects',
  'protocol-error',
] as const;
export type NetworkFailureKind = (typeof networkFailureKinds)[number];

export interface NetworkFailure {
  readonly kind: NetworkFailureKind;
  /** One plain sentence. */
  readonly message: string;
  /** The system's own code (ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT, ENOTFOUND…), for IT staff. */
  readonly code: string | null;
}

export interface TlsFacts {
  readonly protocol: string | null;
  readonly cipher: string | null;
  readonly subject: string | null;
  readonly issuer: string | null;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly subjectAltNames: readonly string[];
  /** SHA-256 fingerprint of the server certificate (what RFC 5929 tls-server-end-point binds to). */
  readonly fingerprint256: string | null;
  readonly trusted: boolean;
  readonly trustError: string | null;
}

/** The sentence shown for a failure kind; `where` is `host:port` or the URL. */
export function describeNetworkFailure(kind: NetworkFailureKind, where: string): string {
  switch (kind) {
    case 'invalid-url':
      return `"${where}" is not an http:// or https:// address.`;
    case 'dns-not-found':
      return `The name in ${where} does not exist in DNS.`;
    case 'dns-failure':
      return `DNS could not answer for ${where}.`;
    case 'connection-refused':
      return `${where} refused the connection: nothing is listening on that port.`;
    case 'host-unreachable':
      return `${where} cannot be reached on the network.`;
    case 'timeout':
      return `${where} did not answer in time.`;
    case 'connection-reset':
      return `${where} closed the connection before answering.`;
    case 'tls-self-signed':
      return `${where} presents a self-signed certificate that this computer does not trust.`;
    case 'tls-untrusted':
      return `${where} presents a certificate from an issuer this computer does not trust.`;
    case 'tls-name-mismatch':
      return `The certificate of ${where} is for a different name.`;
    case 'tls-expired':
      return `The certificate of ${where} has expired or is not valid yet.`;
    case 'tls-failure':
      return `The secure (TLS) connection to ${where} failed.`;
    case 'too-many-redirects':
      return `${where} redirected too many times.`;
    case 'protocol-error':
      return `${where} answered with something that is not valid HTTP.`;
  }
}
