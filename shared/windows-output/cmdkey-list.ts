/**
 * `cmdkey /list` output (reference §7.6, real capture): a "Currently stored credentials:" header,
 * then blocks of `Target:`, `Type:`, `User:` and an optional persistence line, separated by blank
 * lines; an empty store prints `* NONE *` [U, fixture reconstructed].
 */
import { WindowsOutputError, splitOutputLines } from './windows-output-error.js';

export interface StoredCredential {
  /** As printed, e.g. `Domain:target=WEB01`. */
  readonly target: string;
  /** The part `cmdkey /delete:` takes, e.g. `WEB01` for `Domain:target=WEB01` [U for the exact syntax, §7.6]. */
  readonly targetName: string;
  /** `Domain`, `LegacyGeneric`, `WindowsLive`, `TERMSRV/…` … (text before the first colon), or null. */
  readonly targetKind: string | null;
  readonly type: string | null;
  readonly user: string | null;
  readonly persistence: string | null;
}

const maxCredentials = 5_000;

function splitTarget(target: string): { targetName: string; targetKind: string | null } {
  const match = /^([A-Za-z]+):(?:target|interactive)=(.*)$/.exec(target);
  if (match) return { targetKind: match[1] ?? null, targetName: match[2] ?? target };
  return { targetKind: null, targetName: target };
}

export function parseCmdkeyList(text: string): StoredCredential[] {
  const lines = splitOutputLines('cmdkey', text);
  const headerIndex = lines.findIndex((line) => line.trim() === 'Currently stored credentials:');
  if (headerIndex === -1) throw new WindowsOutputError('cmdkey', 'no "Currently stored credentials:" header');
  const credentials: StoredCredential[] = [];
  let current: {
    target: string;
    type: string | null;
    user: string | null;
    persistence: string | null;
  } | null = null;
  const flush = () => {
    if (current) credentials.push({ ...current, ...splitTarget(current.target) });
    current = null;
  };
  for (const raw of lines.slice(headerIndex + 1)) {
    const line = raw.trim();
    if (line === '') {
      flush();
      continue;
    }
    if (line === '* NONE *') continue;
    const labelled = /^(Target|Type|User):\s*(.*)$/.exec(line);
    if (labelled) {
      const [, label, value = ''] = labelled;
      if (label === 'Target') {
        flush();
        if (credentials.length >= maxCredentials)
          throw new WindowsOutputError('cmdkey', 'more than 5000 credentials');
        current = { target: value, type: null, user: null, persistence: null };
      } else if (!current) {
        throw new WindowsOutputError('cmdkey', `"${label}:" line before any "Target:" line`);
      } else if (label === 'Type') {
        current.type = value;
      } else {
        current.user = value;
      }
      continue;
    }
    if (/persistence$/i.test(line) && current) {
      current.persistence = line;
      continue;
    }
    throw new WindowsOutputError('cmdkey', `unrecognised line "${line.slice(0, 80)}"`);
  }
  flush();
  return credentials;
}
