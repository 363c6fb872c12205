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
];

export function glossaryTerm(id: string): GlossaryTerm | undefined {
  return glossary.find((term) => term.id === id);
}
