/**
 * Scenario section `dns`: the names the simulated machine can resolve — A records (a name and
 * its address) and CNAME records (an alias and the name it points to). Browsers build the SPN
 * from the name at the end of a CNAME chain (reference §2.4, §7.3), so an alias here changes
 * the SPN the simulated sign-in asks for. A short (dotless) name is tried with the machine's
 * DNS domain appended, as the Windows resolver's primary suffix does.
 *
 * Absent, DNS is healthy: every name resolves (to 10.0.0.20) and only the `directory`
 * section's `cnames` are aliases. Present, only the names listed here resolve; `directory.cnames`
 * (AD-integrated records) are aliases too.
 */
import { z } from 'zod';

const dnsName = z
  .string()
  .min(1)
  .max(253)
  .regex(
    /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$/,
    'a DNS name',
  );

const ipv4Address = z
  .string()
  .regex(/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/, 'an IPv4 address like 10.0.0.20');

const aRecordSchema = z
  .object({
    type: z.literal('A'),
    name: dnsName.describe('The host name, e.g. "web01.contoso.com".'),
    address: ipv4Address,
  })
  .strict();

const cnameRecordSchema = z
  .object({
    type: z.literal('CNAME'),
    name: dnsName.describe('The alias people type, e.g. "intranet.contoso.com".'),
    canonicalName: dnsName.describe('The name it points to, e.g. "web01.contoso.com".'),
  })
  .strict();

export const scenarioDnsSchema = z
  .object({
    records: z
      .array(z.discriminatedUnion('type', [aRecordSchema, cnameRecordSchema]))
      .max(500)
      .default([]),
  })
  .strict()
  .describe(
    'DNS as the simulated machine sees it. Absent: every name resolves and only directory.cnames are aliases.',
  );

export type ScenarioDns = z.infer<typeof scenarioDnsSchema>;
export type ScenarioDnsRecord = ScenarioDns['records'][number];
