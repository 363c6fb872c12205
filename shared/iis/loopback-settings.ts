/**
 * Loopback check (reference §7.1, KB 896861 / KB 926642): NTLM to the server's own FQDN or
 * alias, from the server itself, fails with 401.1 unless the name is listed in
 * `HKLM\SYSTEM\CurrentControlSet\Control\Lsa\MSV1_0\BackConnectionHostNames` (REG_MULTI_SZ;
 * a REG_DWORD of that name must be deleted) or `Lsa\DisableLoopbackCheck` = 1.
 */
import type { RegistryTreeNode } from '../host/registry.js';
import { sameRegistryName } from '../host/registry.js';

export const lsaKey = { hive: 'HKLM', path: 'SYSTEM\\CurrentControlSet\\Control\\Lsa' } as const;
export const msv1_0Key = { hive: 'HKLM', path: 'SYSTEM\\CurrentControlSet\\Control\\Lsa\\MSV1_0' } as const;

export interface LoopbackSettings {
  readonly disableLoopbackCheck: boolean;
  /** Names listed in BackConnectionHostNames (lower-cased); null when the value does not exist. */
  readonly backConnectionHostNames: readonly string[] | null;
  /** BackConnectionHostNames exists with a type other than REG_MULTI_SZ (KB 896861: delete it). */
  readonly backConnectionWrongType: string | null;
}

/** `lsa` is the tree of the Lsa key read to depth 1 (so MSV1_0 is among its subkeys). */
export function readLoopbackSettings(lsa: RegistryTreeNode | null): LoopbackSettings {
  const disable = lsa?.values.find((value) => sameRegistryName(value.name, 'DisableLoopbackCheck'))?.value;
  const msv = lsa?.subkeys.find((key) => sameRegistryName(key.name, 'MSV1_0'));
  const back = msv?.values.find((value) => sameRegistryName(value.name, 'BackConnectionHostNames'))?.value;
  return {
    disableLoopbackCheck: disable?.type === 'REG_DWORD' && disable.data === 1,
    backConnectionHostNames:
      back?.type === 'REG_MULTI_SZ'
        ? back.data.map((name) => name.trim().toLowerCase()).filter((name) => name.length > 0)
        : null,
    backConnectionWrongType: back && back.type !== 'REG_MULTI_SZ' ? back.type : null,
  };
}

/** True when NTLM from this server to `host` is refused by the loopback check. */
export function loopbackBlocks(host: string, computerName: string, settings: LoopbackSettings): boolean {
  const name = host.toLowerCase();
  if (settings.disableLoopbackCheck) return false;
  if (name === computerName.toLowerCase() || name === 'localhost' || name === '127.0.0.1' || name === '[::1]')
    return false;
  return !(settings.backConnectionHostNames ?? []).includes(name);
}
