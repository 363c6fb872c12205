/**
 * Where the journal and recent targets live when the engine runs outside Electron (CLI, web
 * harness). Electron passes app.getPath('userData') instead. IWA_DOCTOR_DATA_DIR overrides
 * both, which is how tests give every run a fresh, throwaway folder.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDirectory(): string {
  const override = process.env['IWA_DOCTOR_DATA_DIR'];
  if (override) return override;
  if (process.platform === 'win32')
    return join(process.env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'IWA Doctor');
  return join(process.env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'iwa-doctor');
}
