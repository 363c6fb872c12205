/**
 * `nltest /dsgetdc:<domain>` output: the DC locator's answer (DC name and address, domain,
 * forest, sites, capability flags such as KDC), or `Getting DC name failed: Status = <n> 0x<hex>
 * <NAME>`. Not quoted in the reference: the fixtures are reconstructed from the documented
 * DOMAIN_CONTROLLER_INFO fields and marked `.reconstructed.`.
 */
import { WindowsOutputError, splitOutputLines } from './windows-output-error.js';

export type DsGetDcResult =
  | {
      readonly found: true;
      /** Without the leading `\\`. */
      readonly dcName: string;
      readonly dcAddress: string | null;
      readonly domainGuid: string | null;
      readonly domainName: string | null;
      readonly forestName: string | null;
      readonly dcSiteName: string | null;
      readonly clientSiteName: string | null;
      readonly flags: readonly string[];
      /** The DC runs the KDC service (flag KDC). */
      readonly isKdc: boolean;
    }
  | { readonly found: false; readonly status: number; readonly statusName: string | null };

const labels: Readonly<Record<string, string>> = {
  DC: 'dcName',
  Address: 'dcAddress',
  'Dom Guid': 'domainGuid',
  'Dom Name': 'domainName',
  'Forest Name': 'forestName',
  'Dc Site Name': 'dcSiteName',
  'Our Site Name': 'clientSiteName',
  Flags: 'flags',
};

export function parseNltestDsGetDc(text: string): DsGetDcResult {
  const lines = splitOutputLines('nltest', text)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const failed = lines
    .map((line) => /^Getting DC name failed: Status = (\d{1,10})(?: 0x[0-9a-fA-F]+)?(?: (\S+))?$/.exec(line))
    .find((match) => match);
  if (failed) return { found: false, status: Number(failed[1]), statusName: failed[2] ?? null };
  const fields: Record<string, string> = {};
  for (const line of lines) {
    if (line === 'The command completed successfully') continue;
    const match = /^([A-Za-z ]+?):\s*(.*)$/.exec(line);
    const key = match ? labels[match[1] ?? ''] : undefined;
    if (!match || !key) throw new WindowsOutputError('nltest', `unrecognised line "${line.slice(0, 80)}"`);
    fields[key] = match[2] ?? '';
  }
  const dcName = fields['dcName'];
  if (!dcName) throw new WindowsOutputError('nltest', 'no "DC:" line and no failure line');
  const flags = (fields['flags'] ?? '').split(/\s+/).filter((flag) => flag.length > 0);
  const strip = (value: string | undefined) => (value === undefined ? null : value.replace(/^\\\\/, ''));
  return {
    found: true,
    dcName: strip(dcName) ?? dcName,
    dcAddress: strip(fields['dcAddress']),
    domainGuid: fields['domainGuid'] ?? null,
    domainName: fields['domainName'] ?? null,
    forestName: fields['forestName'] ?? null,
    dcSiteName: fields['dcSiteName'] ?? null,
    clientSiteName: fields['clientSiteName'] ?? null,
    flags,
    isKdc: flags.includes('KDC'),
  };
}
