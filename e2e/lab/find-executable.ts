/**
 * Finds the lab's executables. Daemons such as krb5kdc and apache2 live in /usr/sbin, which is
 * not on an unprivileged user's PATH on Debian, so the sbin folders are searched as well.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const systemFolders = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

export function findExecutable(name: string): string | undefined {
  const folders = [...(process.env['PATH'] ?? '').split(delimiter).filter(Boolean), ...systemFolders];
  for (const folder of folders) {
    const candidate = join(folder, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

export function requireExecutable(name: string): string {
  const found = findExecutable(name);
  if (!found) throw new Error(`lab: ${name} is not installed`);
  return found;
}

export function fileExists(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}
