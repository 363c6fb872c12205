/**
 * Scenario section `iis`: the IIS role of the simulated server — sites with bindings,
 * applications with their pool and effective authentication settings, and application
 * pools with their identity (reference §4.1, §4.4). The simulated appcmd prints this state
 * in the real formats (§4.3) and `appcmd set config` changes it.
 *
 * http.sys limits (MaxFieldLength/MaxRequestBytes, §7.2) and the loopback check
 * (BackConnectionHostNames/DisableLoopbackCheck, §7.1) are registry values: write them in
 * the `registry` section under `HKLM\SYSTEM\CurrentControlSet\Services\HTTP\Parameters` and
 * `HKLM\SYSTEM\CurrentControlSet\Control\Lsa`, where Windows keeps them.
 */
import { z } from 'zod';

const bindingSchema = z
  .object({
    protocol: z
      .string()
      .min(1)
      .max(20)
      .describe(
        'Binding protocol: "http" or "https" (others such as "net.tcp" are listed but never serve a URL).',
      ),
    bindingInformation: z
      .string()
      .max(300)
      .describe(
        'IIS binding information "<ip>:<port>:<host header>", e.g. "*:80:" (any host) or "*:443:web01.contoso.com".',
      ),
  })
  .strict();

export const scenarioWindowsAuthSchema = z
  .object({
    enabled: z
      .boolean()
      .default(false)
      .describe('windowsAuthentication enabled (schema default false, §4.1).'),
    providers: z
      .array(z.string().min(1).max(40))
      .max(10)
      .default(['Negotiate', 'NTLM'])
      .describe('Providers in order (default Negotiate, NTLM).'),
    useKernelMode: z
      .boolean()
      .default(true)
      .describe('Kernel-mode authentication in http.sys (default true).'),
    useAppPoolCredentials: z
      .boolean()
      .default(false)
      .describe('Decrypt Kerberos tickets with the pool identity when kernel mode is on (default false).'),
    authPersistNonNTLM: z.boolean().default(false),
    authPersistSingleRequest: z.boolean().default(false),
    extendedProtection: z
      .object({
        tokenChecking: z
          .enum(['None', 'Allow', 'Require'])
          .default('None')
          .describe('Channel-binding token checking (§4.1, §7.4).'),
        flags: z
          .array(z.enum(['Proxy', 'NoServiceNameCheck', 'AllowDotlessSpn', 'ProxyCohosting']))
          .default([]),
        spns: z
          .array(z.string().min(1).max(300))
          .default([])
          .describe('Service-binding SPNs, e.g. "HTTP/www.contoso.com".'),
      })
      .strict()
      .default({ tokenChecking: 'None', flags: [], spns: [] }),
  })
  .strict();

export const scenarioAnonymousAuthSchema = z
  .object({
    enabled: z
      .boolean()
      .default(true)
      .describe('anonymousAuthentication enabled (schema default true, §4.1).'),
    userName: z.string().max(256).default('IUSR'),
  })
  .strict();

const applicationSchema = z
  .object({
    path: z
      .string()
      .regex(/^\/[^\\]{0,254}$/)
      .describe('Application path: "/" for the site root, "/app" otherwise.'),
    appPool: z.string().min(1).max(64).describe('Name of the application pool it runs in.'),
    windowsAuthentication: scenarioWindowsAuthSchema
      .default(scenarioWindowsAuthSchema.parse({}))
      .describe('Effective windowsAuthentication settings at this application.'),
    anonymousAuthentication: scenarioAnonymousAuthSchema
      .default(scenarioAnonymousAuthSchema.parse({}))
      .describe('Effective anonymousAuthentication settings at this application.'),
    configError: z
      .string()
      .max(500)
      .optional()
      .describe(
        'When set, appcmd cannot read the configuration of this application and prints this as "ERROR ( message:… )" (a locked section, a broken web.config).',
      ),
  })
  .strict();

const siteSchema = z
  .object({
    name: z.string().min(1).max(100),
    id: z.number().int().min(1).max(2_147_483_647),
    state: z.enum(['Started', 'Stopped']).default('Started'),
    bindings: z.array(bindingSchema).max(50),
    applications: z.array(applicationSchema).min(1).max(100),
  })
  .strict();

const appPoolSchema = z
  .object({
    name: z.string().min(1).max(64),
    state: z.enum(['Started', 'Stopped']).default('Started'),
    identityType: z
      .enum(['ApplicationPoolIdentity', 'NetworkService', 'LocalSystem', 'LocalService', 'SpecificUser'])
      .default('ApplicationPoolIdentity')
      .describe(
        'processModel.identityType (§4.4): built-in identities use the computer account on the network.',
      ),
    userName: z
      .string()
      .max(256)
      .optional()
      .describe('For SpecificUser: the account, e.g. "CONTOSO\\svc-web". No password is ever stored.'),
  })
  .strict();

export const scenarioIisSchema = z
  .object({
    appcmdAvailable: z
      .boolean()
      .default(true)
      .describe('False: the IIS management tools are missing, appcmd.exe cannot run.'),
    configReadNeedsElevation: z
      .boolean()
      .default(false)
      .describe(
        'True: applicationHost.config is readable only by administrators (as on a default server): appcmd run without elevation answers "Cannot read configuration file due to insufficient permissions", and IWA Doctor reads it through the elevated session (UAC, machine.uac).',
      ),
    sites: z.array(siteSchema).max(100).default([]),
    appPools: z.array(appPoolSchema).max(200).default([]),
  })
  .strict()
  .describe('The IIS role on this machine (absent: IIS is not installed).');

export type ScenarioIis = z.infer<typeof scenarioIisSchema>;
export type ScenarioIisSite = ScenarioIis['sites'][number];
export type ScenarioIisApplication = ScenarioIisSite['applications'][number];
export type ScenarioWindowsAuth = z.infer<typeof scenarioWindowsAuthSchema>;
