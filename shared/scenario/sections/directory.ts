/**
 * Scenario section `directory`: the Active Directory domain around the simulated machine —
 * accounts (users and computers) with their SPNs, which may be duplicated on purpose
 * (reference §3), AD-integrated DNS aliases (CNAME, §7.3), Kerberos events seen on the DC
 * and clients (§6.2), and whether the person may write SPNs. The simulated setspn answers
 * from it and `setspn -S` / `-D` change it.
 */
import { z } from 'zod';

const accountSchema = z
  .object({
    samAccountName: z
      .string()
      .min(1)
      .max(20)
      .describe('sAMAccountName; computer accounts end with "$" (WEB01$).'),
    kind: z.enum(['user', 'computer']),
    dn: z
      .string()
      .max(500)
      .optional()
      .describe('Distinguished name; default CN=<name without $>,CN=Users (or CN=Computers),<domain DN>.'),
    spns: z
      .array(z.string().min(1).max(300))
      .max(500)
      .default([])
      .describe('servicePrincipalName values, e.g. "HTTP/web01.contoso.com", "HOST/WEB01".'),
    supportedEncryptionTypes: z
      .array(z.enum(['DES', 'RC4', 'AES128', 'AES256']))
      .optional()
      .describe('msDS-SupportedEncryptionTypes of the account, when it matters (etype-mismatch).'),
    servicePrincipalNameChanged: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
      .optional()
      .describe(
        "When the account's servicePrincipalName attribute last changed (an SPN added, moved or removed), as the workstation's local time YYYY-MM-DDTHH:MM:SS; a cached ticket for one of its SPNs issued before it is stale. Absent: not known (stale-ticket cannot compare).",
      ),
  })
  .strict();

const cnameSchema = z
  .object({
    name: z.string().min(1).max(253).describe('The alias people type, e.g. "intranet.contoso.com".'),
    canonicalName: z
      .string()
      .min(1)
      .max(253)
      .describe('The A-record name it points to, e.g. "web01.contoso.com".'),
  })
  .strict();

const kerberosEventSchema = z
  .object({
    log: z.enum(['System', 'Security']).default('System'),
    source: z
      .string()
      .min(1)
      .max(100)
      .describe(
        'e.g. "Microsoft-Windows-Kerberos-Key-Distribution-Center" or "Microsoft-Windows-Security-Kerberos".',
      ),
    id: z.number().int().min(0).max(65535),
    time: z.string().max(40).optional(),
    errorCode: z
      .number()
      .int()
      .min(0)
      .max(0xffff)
      .optional()
      .describe(
        'Kerberos error number (RFC 4120 §7.5.9), e.g. 14 etype not supported, 41 KRB_AP_ERR_MODIFIED.',
      ),
    name: z.string().max(300).optional().describe('The SPN or duplicate name the event names.'),
    message: z.string().max(4000),
  })
  .strict();

export const scenarioDirectorySchema = z
  .object({
    netbiosDomain: z.string().min(1).max(15).describe('NetBIOS domain name, e.g. "CONTOSO".'),
    dnsDomain: z.string().min(1).max(253).describe('DNS domain name, e.g. "contoso.com".'),
    realm: z
      .string()
      .min(1)
      .max(253)
      .optional()
      .describe('Kerberos realm; default the DNS domain in capitals.'),
    dcReachable: z.boolean().default(true).describe('False: setspn cannot reach a domain controller.'),
    spnWriteAllowed: z
      .boolean()
      .default(false)
      .describe(
        'Whether the person running the app may write servicePrincipalName (else setspn -S says "Insufficient access rights" and the app exports an admin hand-off).',
      ),
    ticketEncryptionTypes: z
      .array(z.enum(['DES', 'RC4', 'AES128', 'AES256']))
      .min(1)
      .default(['AES256', 'AES128', 'RC4'])
      .describe(
        "Encryption types the domain's KDCs issue service tickets with (e.g. without RC4 once RC4 is turned off). A ticket needs one the service account also has (supportedEncryptionTypes), else the KDC answers KDC_ERR_ETYPE_NOSUPP (reference §6.2).",
      ),
    accounts: z.array(accountSchema).max(1000).default([]),
    cnames: z.array(cnameSchema).max(200).default([]).describe('DNS CNAME records (AD-integrated zone).'),
    events: z
      .array(kerberosEventSchema)
      .max(500)
      .default([])
      .describe('Kerberos events (client event 3/4, KDC event 11/14/16/27).'),
  })
  .strict()
  .describe('The Active Directory domain (absent: a workgroup with no directory).');

export type ScenarioDirectory = z.infer<typeof scenarioDirectorySchema>;
export type ScenarioDirectoryAccount = ScenarioDirectory['accounts'][number];

/** The DN of an account as the directory names it (default CN=…,CN=Users|Computers,DC=…). */
export function scenarioAccountDn(
  directory: Pick<ScenarioDirectory, 'dnsDomain'>,
  account: Pick<ScenarioDirectoryAccount, 'samAccountName' | 'kind' | 'dn'>,
): string {
  if (account.dn) return account.dn;
  const domainDn = directory.dnsDomain
    .split('.')
    .map((label) => `DC=${label}`)
    .join(',');
  const cn = account.samAccountName.replace(/\$$/, '');
  return `CN=${cn},CN=${account.kind === 'computer' ? 'Computers' : 'Users'},${domainDn}`;
}
