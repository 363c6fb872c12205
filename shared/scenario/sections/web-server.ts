/**
 * Scenario section `webServer`: what the site at the target address answers to the simulated
 * sign-in (the live sign-in test in a simulation, electron/host/scenario/simulated-web-server.ts).
 *
 * Every field is optional, and what is left out is derived, never canned: when the simulated
 * machine's own IIS serves the address (an IIS binding matches it, reference §4.1), the answer
 * comes from that site's authentication settings, its pool identity (which account decrypts
 * tickets, §4.4), its Extended Protection settings (§7.4) and the http.sys limits in the
 * registry (§7.2); otherwise the site is a healthy IIS that offers Negotiate and NTLM and
 * decrypts the tickets the domain issues for it. A field written here wins over what is derived,
 * for sites the simulated machine does not run.
 */
import { z } from 'zod';

export const scenarioWebServerSchema = z
  .object({
    reachable: z
      .boolean()
      .default(true)
      .describe('False: nothing listens at the address (the connection is refused).'),
    server: z.string().min(1).max(200).default('Microsoft-IIS/10.0').describe('The Server header.'),
    anonymous: z
      .object({
        status: z.number().int().min(100).max(599).describe('Status of a request without credentials.'),
        offers: z
          .array(z.string().regex(/^[A-Za-z0-9-]{1,40}$/))
          .max(10)
          .default([])
          .describe('WWW-Authenticate schemes offered with it, in order, e.g. ["Negotiate", "NTLM"].'),
      })
      .strict()
      .optional()
      .describe(
        'What the site answers without credentials. Absent: from the IIS site (anonymous on: 200; Windows authentication off: 401 without offers; else 401 with its providers), or 401 offering Negotiate, NTLM.',
      ),
    decryptingAccount: z
      .string()
      .min(1)
      .max(256)
      .optional()
      .describe(
        'The account whose key decrypts Kerberos tickets, e.g. "CONTOSO\\svc-web" or "WEB01$". Absent: the pool identity (the computer account for built-in identities, or with kernel mode on and useAppPoolCredentials false), or else the account that holds the SPN.',
      ),
    tlsOffloaded: z
      .boolean()
      .optional()
      .describe(
        'True: a load balancer ends TLS and forwards plain HTTP. Absent: true when the address is https and the IIS binding that serves it is http.',
      ),
    certificate: z
      .object({
        subject: z.string().min(1).max(300).optional().describe('Default: CN=<host>.'),
        issuer: z.string().min(1).max(300).default('CN=Contoso Issuing CA'),
        trusted: z.boolean().default(true).describe('False: an issuer this computer does not trust.'),
      })
      .strict()
      .optional()
      .describe('The TLS certificate of an https address.'),
    httpSysLimits: z
      .object({
        maxFieldLength: z.number().int().min(64).max(65534),
        maxRequestBytes: z.number().int().min(256).max(16777216),
      })
      .strict()
      .optional()
      .describe(
        'http.sys request-header limits of the server. Absent: this machine\u2019s HTTP\\Parameters registry values when it serves the site, else the defaults (16384 each).',
      ),
  })
  .strict()
  .describe('What the web server at the target address answers (absent: derived, or a healthy IIS).');

export type ScenarioWebServer = z.infer<typeof scenarioWebServerSchema>;
