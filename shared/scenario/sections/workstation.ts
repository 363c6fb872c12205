/**
 * Scenario section `workstation`: the Kerberos client side of the simulated machine — the
 * domain controller the DC locator finds and whether it answers, the clock offset to it, the
 * current logon session's ticket cache, which SPNs the KDC will issue tickets for, and the
 * Windows Credential Manager entries. The simulated klist, nltest, w32tm and cmdkey print from
 * it in the real formats (reference §6.1, §6.3, §7.6), and `klist get`/`klist purge`,
 * `cmdkey /delete` and `w32tm /resync` change it. What a scenario leaves out reads as a healthy
 * domain member (electron/host/scenario/tools/workstation-state.ts): its domain controller
 * answers, the clocks agree, no ticket is cached and nothing is saved in Credential Manager.
 */
import { z } from 'zod';

const ticketSchema = z
  .object({
    server: z
      .string()
      .min(1)
      .max(300)
      .describe(
        'SPN as the client asked for it, e.g. "HTTP/intranet.contoso.com" (case is kept, reference §6.1).',
      ),
    encryptionType: z.string().max(60).default('AES-256-CTS-HMAC-SHA1-96'),
    flags: z
      .number()
      .int()
      .min(0)
      .max(0xffffffff)
      .default(0x40a10000)
      .describe('Ticket flags; 0x40a10000 = forwardable renewable pre_authent name_canonicalize.'),
    startTime: z.string().max(40).default('11/28/2022 1:28:11'),
    endTime: z.string().max(40).default('11/28/2022 11:28:11'),
    renewTime: z.string().max(40).default('12/5/2022 1:28:11'),
  })
  .strict();

const credentialSchema = z
  .object({
    target: z
      .string()
      .min(1)
      .max(300)
      .describe('As cmdkey prints it, e.g. "Domain:target=intranet.contoso.com".'),
    type: z.string().min(1).max(60).default('Domain Password'),
    user: z.string().min(1).max(300),
    persistence: z.string().max(60).optional().describe('e.g. "Local machine persistence".'),
  })
  .strict();

export const scenarioWorkstationSchema = z
  .object({
    domainController: z
      .object({
        name: z
          .string()
          .min(1)
          .max(253)
          .describe('FQDN of the DC the locator returns, e.g. "DC01.contoso.com".'),
        address: z.string().min(1).max(64).default('10.0.0.10'),
        site: z.string().min(1).max(64).default('Default-First-Site-Name'),
        reachable: z
          .boolean()
          .default(true)
          .describe(
            'False: the locator finds no DC (off-site, VPN down) and Kerberos requests fail with "no logon servers".',
          ),
        kdcPortOpen: z
          .boolean()
          .default(true)
          .describe(
            'False: the locator finds the DC, but TCP port 88 (Kerberos) does not answer (a firewall in between); Kerberos requests then fail with "no logon servers" [U: simulation].',
          ),
      })
      .strict()
      .nullable()
      .optional()
      .describe(
        'Absent: on a domain member, DC01.<dnsDomain> at 10.0.0.10, reachable as the directory section says (dcReachable, default true); on a workgroup machine, none. null: the locator finds no domain controller.',
      ),
    clockOffsetSeconds: z
      .number()
      .min(-1e7)
      .max(1e7)
      .default(0)
      .describe(
        'Offset w32tm /stripchart reports against the DC; |offset| >= 300 breaks Kerberos (reference §6.3).',
      ),
    logonId: z
      .string()
      .regex(/^0:0x[0-9a-f]{1,16}$/)
      .default('0:0x3e7a1'),
    tickets: z
      .array(ticketSchema)
      .max(200)
      .default([])
      .describe(
        'Service tickets cached in the logon session (the TGT is added automatically on a domain member).',
      ),
    spnsKnownToKdc: z
      .array(z.string().min(1).max(300))
      .max(500)
      .optional()
      .describe(
        "SPNs `klist get` obtains a ticket for; others fail with KDC_ERR_S_PRINCIPAL_UNKNOWN. Absent: the SPNs of the directory section's accounts (a computer's HOST/<name> also covers HTTP/<name>, reference §3.1), or without a directory section the target's HTTP/<host>.",
      ),
    localTime: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
      .optional()
      .describe(
        "The simulated machine's local time now, YYYY-MM-DDTHH:MM:SS: a ticket `klist get` obtains starts then (valid 10 hours, renewable 7 days). Absent: 2022-11-28T01:28:11, the time of Microsoft's klist sample (reference §6.1).",
      ),
    createFromUrl: z
      .enum(['policy-lists-first', 'own-lists-first', 'user-policy-first', 'NoZone'])
      .optional()
      .describe(
        "What the simulated Windows answers when asked `[System.Security.Policy.Zone]::CreateFromUrl(url).SecurityZone` (reference §1.8): the zone it computes from the registry as it is at that moment (so the answer follows a fix), reading the site lists policy lists first (HKLM, HKCU), your own and the machine lists first ('own-lists-first'), or the user policy list before the machine one ('user-policy-first') — the orders §1.5 leaves unverified; 'NoZone' is what PowerShell 7 may answer [U]. Absent: Windows cannot be asked, as on a machine without Windows PowerShell 5.1, and the registry reading (policy lists first) decides.",
      ),
    kerberosTokenBytes: z
      .number()
      .int()
      .min(200)
      .max(65535)
      .optional()
      .describe(
        "Size in bytes of the Negotiate token the logged-on user's Kerberos sign-in produces. It grows with the user's group memberships (the PAC inside the ticket); a token larger than http.sys accepts gives HTTP 400 (reference §7.2). Default 2932, a real domain user's token (§8.7).",
      ),
    credentials: z
      .array(credentialSchema)
      .max(200)
      .default([])
      .describe('Windows Credential Manager entries (cmdkey /list).'),
  })
  .strict()
  .describe('Kerberos client state and Credential Manager of the simulated workstation.');

export type ScenarioWorkstation = z.infer<typeof scenarioWorkstationSchema>;
