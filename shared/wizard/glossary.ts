/**
 * Windows terms the wizard and the report use, each explained once in plain words (issue 7:
 * "every Windows term is explained once"). Facts follow reference/iwa-reference.md (section
 * in `reference`). The renderer shows them as <abbr>/tooltips and on the glossary page.
 */
export interface GlossaryTerm {
  readonly id: string;
  /** The term as it appears in the app. */
  readonly term: string;
  /** The spelled-out form, when the term is an abbreviation. */
  readonly expansion?: string;
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
];

export function glossaryTerm(id: string): GlossaryTerm | undefined {
  return glossary.find((term) => term.id === id);
}
