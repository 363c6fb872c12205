/**
 * Service principal names: `<ServiceClass>/<Host>:<Port>/<ServiceName>` with Host required
 * and Port optional (reference §3.1, Learn "Name Formats for Unique SPNs"); setspn also
 * prints a trailing `@REALM` when one was given (§3.2, `HTTP/mysvc.naive.test@naive.test`).
 * SPNs are not case sensitive on Windows (§3.1), so comparisons use `spnKey`.
 */

export interface ServicePrincipalName {
  readonly serviceClass: string;
  readonly host: string;
  readonly port: number | null;
  readonly serviceName: string | null;
  readonly realm: string | null;
}

export class SpnFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpnFormatError';
  }
}

/** setspn and AD limit an SPN far below this; the bound keeps a hostile input cheap. */
const maxSpnLength = 1024;
const serviceClassPattern = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;
/** DNS name, NetBIOS name or IP literal; `*` is accepted only by `setspn -Q` patterns. */
const hostPattern = /^[A-Za-z0-9_*](?:[A-Za-z0-9_.*-]{0,253}[A-Za-z0-9_*])?$/;

export function parseSpn(text: string): ServicePrincipalName {
  if (text.length === 0 || text.length > maxSpnLength)
    throw new SpnFormatError(`an SPN must be 1 to ${maxSpnLength} characters long`);
  if (/\s/.test(text) || hasControlCharacter(text))
    throw new SpnFormatError(`SPN "${printable(text)}" contains white space or a control character`);
  let rest = text;
  let realm: string | null = null;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    realm = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^[A-Za-z0-9.-]{1,255}$/.test(realm))
      throw new SpnFormatError(`SPN "${printable(text)}" has an invalid realm`);
  }
  const parts = rest.split('/');
  if (parts.length < 2 || parts.length > 3)
    throw new SpnFormatError(`"${printable(text)}" is not an SPN (expected <class>/<host>[:port][/<name>])`);
  const [serviceClass = '', hostAndPort = '', serviceName] = parts;
  if (!serviceClassPattern.test(serviceClass))
    throw new SpnFormatError(`SPN "${printable(text)}" has an invalid service class`);
  const colon = hostAndPort.indexOf(':');
  const host = colon >= 0 ? hostAndPort.slice(0, colon) : hostAndPort;
  let port: number | null = null;
  if (colon >= 0) {
    const portText = hostAndPort.slice(colon + 1);
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
      throw new SpnFormatError(`SPN "${printable(text)}" has an invalid port`);
    }
    port = Number(portText);
  }
  if (!hostPattern.test(host)) throw new SpnFormatError(`SPN "${printable(text)}" has an invalid host name`);
  if (serviceName !== undefined && serviceName.length === 0)
    throw new SpnFormatError(`SPN "${printable(text)}" ends with an empty service name`);
  return { serviceClass, host, port, serviceName: serviceName ?? null, realm };
}

export function formatSpn(
  spn: Pick<ServicePrincipalName, 'serviceClass' | 'host' | 'port'> & Partial<ServicePrincipalName>,
): string {
  return (
    `${spn.serviceClass}/${spn.host}` +
    (spn.port !== null ? `:${spn.port}` : '') +
    (spn.serviceName ? `/${spn.serviceName}` : '') +
    (spn.realm ? `@${spn.realm}` : '')
  );
}

/** Case-insensitive identity of an SPN (reference §3.1: "SPNs aren't case sensitive"). */
export function spnKey(text: string): string {
  return text.toLowerCase();
}

export function sameSpn(a: string, b: string): boolean {
  return spnKey(a) === spnKey(b);
}

function hasControlCharacter(text: string): boolean {
  return [...text].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);
}

function printable(text: string): string {
  return [...text.slice(0, 80)].map((char) => (char.charCodeAt(0) < 0x20 ? '?' : char)).join('');
}
