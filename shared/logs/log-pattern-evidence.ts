/**
 * Evidence kind `log-pattern`: one pattern of reference §5.2 as read from IIS W3C or
 * HTTP.sys error logs, with the groups that showed it and verbatim example lines as raw.
 */
import type { LogPatternKind } from './auth-pattern.js';
import type { Win32StatusInfo } from './win32-status.js';

export interface LogPatternEvidenceFacts {
  readonly kind: LogPatternKind;
  readonly description: string;
  readonly groups: number;
  readonly occurrences: number;
  readonly win32: readonly Win32StatusInfo[];
  /** Groups whose client address is the server itself (loopback check, §7.1). */
  readonly loopbackGroups: number;
  readonly examples: readonly {
    readonly client: string;
    readonly url: string;
    readonly userAgent: string;
    readonly count: number;
    readonly resolved: number;
    readonly firstSeen: string;
    readonly lastSeen: string;
    readonly serverPort: string;
  }[];
}

declare module '../model/evidence.js' {
  interface EvidenceFactsByKind {
    'log-pattern': LogPatternEvidenceFacts;
  }
}
