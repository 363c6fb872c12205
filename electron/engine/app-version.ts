/** The version shown in the app and reports, from package.json (one source of truth). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function appVersion(): string {
  try {
    const manifest = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8'),
    ) as { version?: string };
    return manifest.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
