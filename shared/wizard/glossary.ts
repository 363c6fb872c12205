/**
 * Windows terms the wizard and the report use, each explained once in plain words (issue 7:
 * "every Windows term is explained once"). Facts follow reference/iwa-reference.md (section
 * in `reference`). The renderer shows them as <abbr>/tooltips and on the glossary page.
 * A test reads every text a person meets (the cause catalog, and the findings, fixes and
 * ruled-out lines of every scenario's diagnosis) and fails on a Windows term with no entry
 * here (glossary-coverage.ts), so new terms cannot slip in unexplained.
 */
export interface GlossaryTerm {
  readonly id: string;
  /** The term as it appears in the app. */
  readonly term: string;
  /** The spelled-out form, when the term is an abbreviation. */
  readonly expansion?: string;
  /**
   * Other ways the app writes the same thing (a registry value or setting name, a plural-less
   * variant), so the explanation also appears there.
   */
  readonly otherForms?: readonly string[];
  /** One or two sentences a non-specialist understands. */
  readonly meaning: string;
  readonly reference?: string;
}

export const glossary: readonly GlossaryTerm[] = [
  {
    id: 'iwa',
    term: 'IWA',
    expansion: 'Integrated Windows Authentication',
    meaning:
      'Signing in to a web site with the Windows account you are already logged on with, without typing a password.',
  },
  {
    id: 'kerberos',
    term: 'Kerberos',
    meaning:
      'The preferred way Windows proves who you are: your computer gets a ticket for the site from a domain controller and hands it to the web server.',
    reference: '§6',
  },
  {
    id: 'ntlm',
    term: 'NTLM',
    expansion: 'NT LAN Manager',
    meaning:
      'An older way Windows proves who you are, used when Kerberos cannot work. It needs more round trips and breaks behind some proxies and load balancers.',
    reference: '§5',
  },
  {
    id: 'negotiate',
    term: 'Negotiate',
    meaning:
      'What the web server offers when it accepts Windows sign-in: the browser then uses Kerberos if it can, otherwise NTLM.',
    reference: '§5.1',
  },
  {
    id: 'spn',
    term: 'SPN',
    expansion: 'Service Principal Name',
    otherForms: ['servicePrincipalName'],
    meaning:
      'The name under which a web site is registered in Active Directory, such as HTTP/intranet.contoso.com. Kerberos only works if it is registered once, on the account that runs the site.',
    reference: '§3',
  },
  {
    id: 'kdc',
    term: 'KDC',
    expansion: 'Key Distribution Center',
    meaning: 'The part of a domain controller that hands out Kerberos tickets.',
    reference: '§6',
  },
  {
    id: 'zone',
    term: 'zone',
    meaning:
      'Internet Options sorts every web address into a zone (Local intranet, Trusted sites, Internet, Restricted sites). Each zone has its own rule for signing in automatically.',
    reference: '§1',
  },
  {
    id: '1a00',
    term: '1A00',
    meaning:
      'The zone setting “User Authentication: Logon”. It decides whether Windows signs you in automatically, only in the intranet zone, or always asks.',
    reference: '§1.7',
  },
  {
    id: 'app-pool',
    term: 'app pool',
    expansion: 'application pool',
    meaning:
      'The IIS worker that runs a web site, under a Windows account. That account must own the SPN, because it is the one that opens Kerberos tickets.',
    reference: '§4.4',
  },
  {
    id: 'kernel-mode',
    term: 'kernel-mode authentication',
    otherForms: ['kernel-mode', 'kernel mode', 'useKernelMode'],
    meaning:
      'An IIS setting where Windows itself checks sign-ins before IIS sees the request. Faster, but it uses the computer account unless told to use the app pool account.',
    reference: '§4.4',
  },
  {
    id: 'uac',
    term: 'UAC',
    expansion: 'User Account Control',
    meaning: 'The Windows prompt that asks an administrator to confirm a change to the whole computer.',
  },
  {
    id: 'hkcu',
    term: 'HKCU',
    expansion: 'HKEY_CURRENT_USER',
    meaning:
      'The part of the Windows registry that holds your own settings. Changing it needs no administrator.',
  },
  {
    id: 'hklm',
    term: 'HKLM',
    expansion: 'HKEY_LOCAL_MACHINE',
    meaning:
      'The part of the Windows registry that holds settings for everyone on this computer. Changing it needs an administrator.',
  },
  {
    id: 'gpo',
    term: 'Group Policy',
    meaning:
      'Settings your organisation pushes to its computers. A setting made by policy can only be changed by IT.',
  },
  {
    id: '401',
    term: '401',
    meaning:
      'The web server’s answer “sign-in needed”. 401.1 means the sign-in was tried and refused; 401.2 means the server is not set up to accept this kind of sign-in.',
    reference: '§5.1',
  },
  {
    id: 'iis',
    term: 'IIS',
    expansion: 'Internet Information Services',
    meaning:
      'The web server built into Windows Server that runs the site. Its settings decide which kinds of sign-in it accepts.',
    reference: '§4',
  },
  {
    id: 'active-directory',
    term: 'Active Directory',
    meaning:
      'The directory of your organisation’s accounts and computers. It records which account runs each web site (the SPN), and only its administrators can change that.',
    reference: '§3',
  },
  {
    id: 'domain-controller',
    term: 'domain controller',
    meaning:
      'A server of your organisation that checks passwords and hands out Kerberos tickets. Your computer must be able to reach one (at the office or over VPN).',
    reference: '§6.1',
  },
  {
    id: 'ticket',
    term: 'ticket',
    meaning:
      'A short-lived proof of who you are, issued by a domain controller for one web site. Windows keeps it for a few hours so you are not asked again.',
    reference: '§6.1',
  },
  {
    id: 'internet-options',
    term: 'Internet Options',
    meaning:
      'The Windows control panel for web settings (zones, proxy, Windows sign-in). Edge and Chrome follow it too, unless a policy says otherwise.',
    reference: '§1, §2',
  },
  {
    id: 'registry',
    term: 'registry',
    meaning:
      'The database where Windows keeps its settings. IWA Doctor reads it, and changes it only after showing you exactly what it will write.',
  },
  {
    id: 'credential-manager',
    term: 'Credential Manager',
    meaning:
      'The Windows place for saved passwords. A password saved there for a web server is used instead of your own sign-in for that server.',
    reference: '§7.6',
  },
  {
    id: 'proxy',
    term: 'proxy',
    otherForms: ['proxy server'],
    meaning:
      'A server that forwards your web requests. Sign-in to an intranet site often fails through it, so intranet addresses should bypass it.',
    reference: '§7.7',
  },
  {
    id: 'http-sys',
    term: 'http.sys',
    meaning:
      'The part of Windows that receives web requests for IIS. It refuses requests whose headers are larger than its limits (HTTP 400).',
    reference: '§7.2',
  },
  {
    id: 'extended-protection',
    term: 'Extended Protection',
    otherForms: ['channel binding', 'tokenChecking'],
    meaning:
      'An IIS setting that ties your sign-in to the secure (HTTPS) connection. It fails when a load balancer ends the secure connection before IIS.',
    reference: '§7.4',
  },
  {
    id: 'load-balancer',
    term: 'load balancer',
    meaning: 'A device that spreads visitors over several web servers that share one name.',
    reference: '§7.5',
  },
  {
    id: 'cname',
    term: 'CNAME',
    expansion: 'canonical name record',
    meaning:
      'A DNS entry that makes one name an alias of another. Browsers ask for a Kerberos ticket under the other (canonical) name.',
    reference: '§7.3',
  },
  {
    id: 'local-account',
    term: 'local account',
    meaning:
      'A Windows account that exists only on one computer, unlike a domain account of your organisation. It cannot use Kerberos with company sites.',
  },
  {
    id: 'loopback-check',
    term: 'loopback check',
    otherForms: ['DisableLoopbackCheck'],
    meaning:
      'A Windows safety check on the web server: it refuses Windows sign-in to a site opened on the server itself under a name other than its own. It is why a site can work from every PC but not on the server.',
    reference: '§7.1',
  },
  {
    id: 'back-connection-host-names',
    term: 'BackConnectionHostNames',
    meaning:
      'A registry list, on the web server, of site names the loopback check lets through. Adding the site’s name there is the safe way to sign in on the server itself.',
    reference: '§7.1',
  },
  {
    id: 'use-app-pool-credentials',
    term: 'useAppPoolCredentials',
    meaning:
      'An IIS setting: when true, kernel-mode authentication opens Kerberos tickets with the app pool’s account instead of the computer account. It must be true when the SPN belongs to the app pool’s account.',
    reference: '§4.1',
  },
  {
    id: 'max-field-length',
    term: 'MaxFieldLength',
    meaning:
      'The http.sys limit on the size of one request header (16,384 bytes unless changed). The Kerberos ticket of someone in many groups can be larger, and the server then answers HTTP 400.',
    reference: '§7.2',
  },
  {
    id: 'max-request-bytes',
    term: 'MaxRequestBytes',
    meaning:
      'The http.sys limit on the request line and all headers together (16,384 bytes unless changed). It is raised together with MaxFieldLength when large Kerberos tickets are refused.',
    reference: '§7.2',
  },
  {
    id: 'setspn',
    term: 'setspn',
    meaning:
      'The Windows command that lists, adds and removes SPNs in Active Directory. Adding or removing one needs the right to change that account, usually a domain administrator’s.',
    reference: '§3.1',
  },
  {
    id: 'klist',
    term: 'klist',
    meaning:
      'The Windows command that lists the Kerberos tickets this computer holds. “klist purge” throws them away, so fresh ones are asked for.',
    reference: '§6.1',
  },
  {
    id: 'appcmd',
    term: 'appcmd',
    otherForms: ['appcmd.exe'],
    meaning:
      'The command-line tool of IIS that reads and changes its configuration: sites, app pools and sign-in settings. It exists only on a computer with IIS installed.',
    reference: '§4.2',
  },
  {
    id: 'cmdkey',
    term: 'cmdkey',
    meaning: 'The Windows command that lists and deletes the passwords saved in Credential Manager.',
    reference: '§7.6',
  },
  {
    id: 'nltest',
    term: 'nltest',
    meaning:
      'A Windows command that finds the domain controller this computer uses and checks that it answers.',
  },
  {
    id: 'w32tm',
    term: 'w32tm',
    meaning:
      'The command of the Windows time service. “w32tm /resync” sets this computer’s clock again from the domain.',
    reference: '§6.3',
  },
  {
    id: 'pre-authentication',
    term: 'pre-authentication',
    otherForms: ['preauthentication', 'DisableNTLMPreAuth'],
    meaning:
      'Internet Explorer sending your Windows sign-in with the first request, before the server asks, to save a round trip; kernel-mode IIS refuses it on that first request with 401.1. The registry value DisableNTLMPreAuth turns it off.',
    reference: '§2.2',
  },
  {
    id: 'enable-negotiate',
    term: 'EnableNegotiate',
    meaning:
      'The registry value behind “Enable Integrated Windows Authentication” in Internet Options (Advanced tab). At 0, Internet Explorer and other programs built on WinINet do not use Negotiate and fall back to NTLM.',
    reference: '§2.1',
  },
  {
    id: 'wininet',
    term: 'WinINet',
    meaning:
      'The part of Windows that Internet Explorer and many other programs use to reach web sites. It reads its settings from Internet Options.',
    reference: '§2',
  },
  {
    id: 'sspi',
    term: 'SSPI',
    expansion: 'Security Support Provider Interface',
    meaning:
      'The part of Windows that browsers ask for your Kerberos or NTLM sign-in. It signs in with the Windows account you are logged on with.',
    reference: '§2.4',
  },
  {
    id: 'auth-server-allowlist',
    term: 'AuthServerAllowlist',
    otherForms: ['AuthServerWhitelist'],
    meaning:
      'The Chrome and Edge policy that lists the sites they may sign in to with your Windows account. When it is not set, they follow the Windows zones.',
    reference: '§2.4',
  },
  {
    id: 'enable-auth-negotiate-port',
    term: 'EnableAuthNegotiatePort',
    meaning:
      'A Chrome and Edge policy: when on, the port of an address such as :8080 becomes part of the SPN the browser asks for. It is off unless IT turns it on.',
    reference: '§2.4',
  },
  {
    id: 'feature-include-port-in-spn',
    term: 'FEATURE_INCLUDE_PORT_IN_SPN',
    otherForms: ['FEATURE_INCLUDE_PORT_IN_SPN_KB908209'],
    meaning:
      'The Internet Explorer setting (FeatureControl in the registry) that puts a non-standard port into the SPN it asks for. It is off by default.',
    reference: '§2.3',
  },
  {
    id: 'protocol-defaults',
    term: 'ProtocolDefaults',
    meaning:
      'The registry key that gives the zone of any address no other rule covers, per kind of address (http, https). Normally that is the Internet zone.',
    reference: '§1.3',
  },
  {
    id: 'proxy-override',
    term: 'ProxyOverride',
    meaning:
      'The list of addresses that do not go through the proxy (Internet Options, LAN settings, Exceptions). Intranet sites belong on it.',
    reference: '§7.7',
  },
  {
    id: 'proxy-enable',
    term: 'ProxyEnable',
    meaning:
      'The registry value that says whether Windows sends web requests through a proxy at all (1 = yes).',
    reference: '§7.7',
  },
  {
    id: 'application-pool-identity',
    term: 'ApplicationPoolIdentity',
    meaning:
      'The default account of an IIS app pool, a virtual account made for it. On the network it acts as the web server’s computer account, so the SPN belongs to the computer account.',
    reference: '§4.4',
  },
  {
    id: 'service-account',
    term: 'service account',
    meaning:
      'A domain account made to run a program or a web site (an app pool) rather than for a person. The site’s SPN must be registered on it.',
    reference: '§3',
  },
  {
    id: 'computer-account',
    term: 'computer account',
    meaning:
      'The account each Windows computer has in Active Directory, written with a $ at the end (WEB01$). Sites that run as the computer need no SPN of their own: its HOST SPN covers them.',
    reference: '§3.1',
  },
  {
    id: 'encryption-type',
    term: 'encryption type',
    otherForms: ['etype', 'AES', 'RC4'],
    meaning:
      'How a Kerberos ticket is encrypted: AES (current) or RC4 (old, often turned off). The browser, the domain controller and the site’s account must share one.',
    reference: '§6.2',
  },
  {
    id: 'supported-encryption-types',
    term: 'msDS-SupportedEncryptionTypes',
    meaning:
      'The setting of an Active Directory account that says which encryption types its Kerberos tickets may use. An account that allows only RC4 fails once RC4 is turned off.',
    reference: '§6.2',
  },
  {
    id: 'krb-ap-err-modified',
    term: 'KRB_AP_ERR_MODIFIED',
    meaning:
      'The Kerberos error “this ticket cannot be opened”: the web server’s account does not hold the key the ticket was made for. Usually the SPN is on another account, or kernel mode runs without useAppPoolCredentials.',
    reference: '§6.2',
  },
  {
    id: 'kdc-err-etype-nosupp',
    term: 'KDC_ERR_ETYPE_NOSUPP',
    otherForms: ['KDC_ERR_ETYPE_NOTSUPP'],
    meaning:
      'The domain controller’s error “no encryption type in common”: the browser’s computer and the site’s account share no encryption type the domain allows.',
    reference: '§6.2',
  },
  {
    id: 'kdc-err-s-principal-unknown',
    term: 'KDC_ERR_S_PRINCIPAL_UNKNOWN',
    meaning:
      'The domain controller’s error “no account has this SPN” (Kerberos error 7): nobody registered the name the browser asked for, so there is no ticket for it.',
    reference: '§6.2',
  },
  {
    id: 'error-no-such-domain',
    term: 'ERROR_NO_SUCH_DOMAIN',
    meaning:
      'The Windows error “no domain controller of this domain can be found” (status 1355): the computer is off the company network, or its DNS cannot find the domain.',
  },
  {
    id: 'neg-state',
    term: 'negState',
    meaning:
      'The field of the server’s Negotiate answer that says how the sign-in went: accept-completed (accepted), accept-incomplete (one more round), or reject (refused).',
    reference: '§8.4',
  },
  {
    id: 'ie',
    term: 'IE',
    expansion: 'Internet Explorer',
    meaning:
      'The old Windows browser. Edge can still show sites in “IE mode”, which signs in the way Internet Explorer did.',
  },
  {
    id: 'kb',
    term: 'KB',
    expansion: 'Microsoft Knowledge Base article',
    meaning:
      'A numbered Microsoft support article; “KB 2749007” is article 2749007 on Microsoft’s support site.',
  },
];

export function glossaryTerm(id: string): GlossaryTerm | undefined {
  return glossary.find((term) => term.id === id);
}
