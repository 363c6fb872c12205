/**
 * Remedies `wininet.enable-negotiate` (negotiate-disabled; reference §2.1: EnableNegotiate = 1,
 * REG_DWORD, HKCU Internet Settings, browser restart) and `wininet.disable-ntlm-preauth`
 * (ntlm-preauth-kernel-mode, client half; §2.2, KB 2749007: DisableNTLMPreAuth = 1).
 */
import type { RegistryView } from '../../../shared/host/registry-view.js';
import { internetSettingsPath } from '../../../shared/zones/internet-settings-paths.js';
import type { Host } from '../../host/host.js';
import { readRegistryRoots } from '../probes/read-registry-roots.js';
import { RemedyPreconditionError } from './remedy.js';
import type { WorkstationRemedyDefinition } from './workstation-remedy.js';

async function internetSettings(host: Host): Promise<RegistryView> {
  return (await readRegistryRoots(host, [{ key: { hive: 'HKCU', path: internetSettingsPath }, depth: 0 }]))
    .view;
}

function dword(view: RegistryView, name: string): number | null {
  const value = view.value('HKCU', internetSettingsPath, name);
  return value?.type === 'REG_DWORD' ? value.data : null;
}

export const wininetEnableNegotiate: WorkstationRemedyDefinition = {
  id: 'wininet.enable-negotiate',
  async change(_params, { host }) {
    const current = dword(await internetSettings(host), 'EnableNegotiate');
    if (current !== 0)
      throw new RemedyPreconditionError('Integrated Windows Authentication is already on; nothing to change');
    return {
      summary:
        'Turn "Enable Integrated Windows Authentication" back on in Internet Options, so the browser can use Kerberos.',
      operations: [
        {
          op: 'registry.setValue',
          key: { hive: 'HKCU', path: internetSettingsPath },
          name: 'EnableNegotiate',
          value: { type: 'REG_DWORD', data: 1 },
        },
      ],
      notes: [
        'Close every window of your browser and open it again for the change to take effect (KB 299838).',
      ],
    };
  },
};

export const wininetDisableNtlmPreauth: WorkstationRemedyDefinition = {
  id: 'wininet.disable-ntlm-preauth',
  async change(_params, { host }) {
    const current = dword(await internetSettings(host), 'DisableNTLMPreAuth');
    if (current === 1)
      throw new RemedyPreconditionError(
        'pre-authentication is already off (DisableNTLMPreAuth = 1); nothing to change',
      );
    return {
      summary:
        'Stop Internet Explorer from sending your Windows sign-in ahead with the first request (DisableNTLMPreAuth = 1, KB 2749007).',
      operations: [
        {
          op: 'registry.setValue',
          key: { hive: 'HKCU', path: internetSettingsPath },
          name: 'DisableNTLMPreAuth',
          value: { type: 'REG_DWORD', data: 1 },
        },
      ],
      notes: ['Close every window of your browser and open it again for the change to take effect.'],
    };
  },
};
