/**
 * Evidence kinds of the Kerberos client checks (issue 5) beyond workstation-evidence.ts,
 * declared by augmenting `EvidenceFactsByKind` (shared/model/evidence.ts).
 */
import type { TcpPortAnswer } from '../../host/tcp-port.js';

/** `kdc-port`: whether the domain controller the locator found accepts TCP on the Kerberos port 88. */
export interface KdcPortFacts {
  readonly dc: string;
  /** The address connected to: the locator's DC address, or its name when none was printed. */
  readonly address: string;
  readonly answer: TcpPortAnswer;
}

declare module '../../model/evidence.js' {
  interface EvidenceFactsByKind {
    'kdc-port': KdcPortFacts;
  }
}
