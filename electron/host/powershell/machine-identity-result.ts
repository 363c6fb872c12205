/**
 * The machine-identity primitive's answer (scripts/machine-identity.ps1) as 5.1 prints it,
 * turned into the host's MachineIdentity. ProductType (Win32_OperatingSystem): 1 workstation,
 * 2 domain controller, 3 server.
 */
import { z } from 'zod';
import type { MachineIdentity } from '../host.js';
import { powerShellDateSchema } from './powershell-json-quirks.js';

const nullableString = z.preprocess(
  (value) => (value === undefined || value === '' ? null : value),
  z.string().nullable(),
);

export const machineIdentityResultSchema = z.object({
  computerName: z.string().min(1),
  partOfDomain: z.boolean(),
  netbiosDomain: nullableString,
  dnsDomain: nullableString,
  user: z.object({
    name: z.string(),
    domain: z.string(),
    kind: z.enum(['domain', 'local']),
    sid: z.string().optional(),
  }),
  os: z.object({
    caption: z.string(),
    version: z.string(),
    build: z.string(),
    productType: z.number().int(),
  }),
  elevated: z.boolean(),
  powershell: z.object({ edition: z.string(), version: z.string() }),
  /** This machine's clock when the script ran (UTC). */
  clockUtc: powerShellDateSchema,
});
export type MachineIdentityResult = z.infer<typeof machineIdentityResultSchema>;

export function toMachineIdentity(result: MachineIdentityResult): MachineIdentity {
  const dnsDomain = result.partOfDomain ? result.dnsDomain : null;
  // When the NetBIOS name could not be read, the first DNS label is the usual NetBIOS name but
  // not always (renamed domains); a domain user's own domain is the better fallback.
  const domain = result.partOfDomain
    ? (result.netbiosDomain ?? (result.user.kind === 'domain' ? result.user.domain : null))
    : null;
  return {
    computerName: result.computerName,
    domain,
    dnsDomain,
    user: { name: result.user.name, domain: result.user.domain, kind: result.user.kind },
    os: `${result.os.caption.trim()} ${result.os.version} (build ${result.os.build})`,
    isServer: result.os.productType !== 1,
    elevated: result.elevated,
  };
}
