import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAdminHandoffScript, type HandoffRequest } from './admin-handoff-script.js';
import { isPowerShellSingleQuote, powerShellLiteral, PowerShellLiteralError } from './powershell-literal.js';

/**
 * Reads a line the way PowerShell's tokenizer reads single-quoted strings: returns the
 * code outside literals (literals replaced by L) and the decoded literal values.
 */
function tokenize(line: string): { code: string; literals: string[] } {
  let code = '';
  const literals: string[] = [];
  for (let i = 0; i < line.length; i += 1) {
    const char = line.charAt(i);
    if (!isPowerShellSingleQuote(char)) {
      code += char;
      continue;
    }
    let value = '';
    for (i += 1; ; i += 1) {
      if (i >= line.length) throw new Error(`unterminated literal in ${line}`);
      const inner = line.charAt(i);
      if (isPowerShellSingleQuote(inner)) {
        if (isPowerShellSingleQuote(line.charAt(i + 1))) {
          value += inner;
          i += 1;
          continue;
        }
        break;
      }
      value += inner;
    }
    literals.push(value);
    code += 'L';
  }
  return { code, literals };
}

const allowedCode = new Set([
  '$ErrorActionPreference = L',
  'setspn.exe -S L L',
  'setspn.exe -D L L',
  'setspn.exe -Q L',
  'setspn.exe -X',
  'function Undo-IwaDoctorSpnChange {',
  '}',
  '',
]);

function request(account: string, spn = 'HTTP/web01.contoso.com'): HandoffRequest {
  return {
    url: 'https://web01.contoso.com/',
    cause: 'spn-missing',
    verdict: 'Browsers ask for HTTP/web01.contoso.com → registered on no account ✗',
    computerName: 'WEB01',
    generatedAt: '2026-11-22T02:00:00Z',
    steps: [{ kind: 'register-spn', spn, account, why: `browsers ask for ${spn}` }],
  };
}

function codeLines(script: string): { code: string; literals: string[] }[] {
  return script
    .split('\r\n')
    .map((line) => line.trim())
    .filter((line) => !line.startsWith('#'))
    .map((line) =>
      line.startsWith('if ($LASTEXITCODE -ne 0) { throw ') ? { code: '', literals: [] } : tokenize(line),
    );
}

describe('buildAdminHandoffScript', () => {
  it('writes the commands, a comment per command, verification and undo', () => {
    const script = buildAdminHandoffScript({
      ...request('CONTOSO\\svc-web'),
      steps: [
        {
          kind: 'register-spn',
          spn: 'HTTP/web01.contoso.com',
          account: 'CONTOSO\\svc-web',
          why: 'browsers ask for HTTP/web01.contoso.com',
        },
        {
          kind: 'register-spn',
          spn: 'HTTP/web01',
          account: 'contoso\\svc-web',
          why: 'people also type web01',
        },
        {
          kind: 'remove-spn',
          spn: 'HTTP/web01.contoso.com',
          account: 'CN=svc-old,OU=Service Accounts,DC=contoso,DC=com',
          why: 'it must be on one account only',
        },
      ],
    });
    expect(script).toContain("setspn.exe -S 'HTTP/web01.contoso.com' 'CONTOSO\\svc-web'\r\n");
    expect(script).toContain("setspn.exe -S 'HTTP/web01' 'CONTOSO\\svc-web'\r\n");
    expect(script).toContain(
      "setspn.exe -D 'HTTP/web01.contoso.com' 'CN=svc-old,OU=Service Accounts,DC=contoso,DC=com'\r\n",
    );
    expect(script).toContain("setspn.exe -Q 'HTTP/web01'\r\n");
    expect(script).toContain('setspn.exe -X\r\n');
    expect(script).toContain('klist purge');
    const undo = script.slice(script.indexOf('function Undo-IwaDoctorSpnChange'));
    expect(undo.indexOf("setspn.exe -S 'HTTP/web01.contoso.com' 'CN=svc-old")).toBeLessThan(
      undo.indexOf("setspn.exe -D 'HTTP/web01' 'CONTOSO\\svc-web'"),
    );
    const lines = script.split('\r\n');
    lines.forEach((line, index) => {
      if (/^\s*setspn\.exe -[SD] /.test(line)) expect(lines[index - 1]).toMatch(/^\s*#/);
    });
    for (const { code } of codeLines(script)) expect(allowedCode).toContain(code);
  });

  it('a duplicate removed is never given back by the undo (setspn -S would refuse it); a moved SPN is', () => {
    const script = buildAdminHandoffScript({
      ...request('CONTOSO\\svc-web'),
      steps: [
        {
          kind: 'remove-spn',
          spn: 'HTTP/web01.contoso.com',
          account: 'CN=svc-old,OU=Service Accounts,DC=contoso,DC=com',
          why: 'duplicate',
          undoable: false,
        },
        {
          kind: 'remove-spn',
          spn: 'HTTP/web01',
          account: 'CN=svc-moved,OU=Service Accounts,DC=contoso,DC=com',
          why: 'moved',
        },
        { kind: 'register-spn', spn: 'HTTP/web01', account: 'CONTOSO\\svc-web', why: 'moved' },
      ],
    });
    const undo = script.slice(script.indexOf('function Undo-IwaDoctorSpnChange'));
    expect(undo).not.toContain("setspn.exe -S 'HTTP/web01.contoso.com'");
    expect(undo).toContain(
      '# HTTP/web01.contoso.com is not given back to CN=svc-old,OU=Service Accounts,DC=contoso,DC=com: another account holds it',
    );
    expect(undo).toContain(
      "  setspn.exe -S 'HTTP/web01' 'CN=svc-moved,OU=Service Accounts,DC=contoso,DC=com'",
    );
    for (const { code } of codeLines(script)) expect(allowedCode).toContain(code);
  });

  it.each([
    '$(calc)',
    "O'Brien",
    'it\u2019s\u2018x\u2018',
    '\u201Aquote\u201B',
    '\u201Cdouble\u201D',
    'back`tick',
    '${x}&(calc)',
  ])('embeds the hostile account name %j only as a literal that decodes to itself', (name) => {
    const script = buildAdminHandoffScript(request(`CONTOSO\\${name}`));
    const lines = codeLines(script);
    for (const { code } of lines) expect(allowedCode).toContain(code);
    const values = new Set(lines.flatMap((line) => line.literals));
    expect(values).toEqual(new Set(['Stop', 'HTTP/web01.contoso.com', `CONTOSO\\${name}`]));
  });

  it.each([
    ['a newline', 'CONTOSO\\svc\nRemove-Item C:\\'],
    ['a carriage return', 'CONTOSO\\svc\rx'],
    ['a semicolon', 'CONTOSO\\svc;calc'],
    ['a double quote', 'CONTOSO\\svc"x'],
    ['a local account', '.\\svc'],
    ['no domain', 'svc-web'],
  ])('refuses an account with %s', (_what, account) => {
    expect(() => buildAdminHandoffScript(request(account))).toThrow();
  });

  it('refuses SPNs that are not HTTP/ of a named host', () => {
    expect(() => buildAdminHandoffScript(request('CONTOSO\\svc', 'HOST/web01'))).toThrow(/only changes HTTP/);
    expect(() => buildAdminHandoffScript(request('CONTOSO\\svc', "HTTP/web01';calc;'"))).toThrow();
  });

  it('round-trips any one-line text through powerShellLiteral', () => {
    const oneLine = fc
      .string({ unit: 'binary', maxLength: 200 })
      .filter(
        (text) =>
          ![...text].some(
            (char) =>
              (char.codePointAt(0) ?? 0) < 0x20 || ['\u007f', '\u0085', '\u2028', '\u2029'].includes(char),
          ),
      );
    fc.assert(
      fc.property(oneLine, (text) => {
        const { code, literals } = tokenize(powerShellLiteral(text));
        expect(code).toBe('L');
        expect(literals).toEqual([text]);
      }),
      { numRuns: 500 },
    );
    expect(() => powerShellLiteral('a\u2028b')).toThrow(PowerShellLiteralError);
  });
});

describe('buildAdminHandoffScript: IIS identity, AES and a farm account the administrator chooses', () => {
  const base = {
    url: 'https://portal.contoso.com/',
    cause: 'farm-shared-name',
    verdict: 'Browsers ask for HTTP/portal.contoso.com → registered on CONTOSO\\WEB02$ ✗',
    computerName: 'WEB01',
    generatedAt: '2026-11-22T02:00:00Z',
  };
  const chosen = { chosenByAdministrator: 'The farm account (DOMAIN\\name)' };

  it('reads the chosen account at run time, checks it is DOMAIN\\name, and uses it only as a variable', () => {
    const script = buildAdminHandoffScript({
      ...base,
      steps: [
        { kind: 'register-spn', spn: 'HTTP/portal.contoso.com', account: chosen, why: 'one farm account' },
        {
          kind: 'set-pool-identity',
          pool: 'PortalPool',
          account: chosen,
          previousIdentityType: 'ApplicationPoolIdentity',
          previousUserName: null,
          why: 'the pool runs as the farm account',
        },
      ],
    });
    expect(script).toContain("$ChosenAccount = Read-Host 'The farm account (DOMAIN\\name)'\r\n");
    expect(script).toContain("setspn.exe -S 'HTTP/portal.contoso.com' $ChosenAccount\r\n");
    expect(script).toContain('Get-Credential -UserName $ChosenAccount ');
    const pattern = /\$ChosenAccount -notmatch '([^']+)'/.exec(script)?.[1] ?? '';
    // The same pattern in .NET and JavaScript for these characters.
    const check = new RegExp(pattern);
    expect(['CONTOSO\\svc-farm', 'contoso.com\\portal$'].every((name) => check.test(name))).toBe(true);
    expect(
      ['svc-farm', 'CONTOSO\\a"b', 'CONTOSO\\x;calc', 'CONTOSO\\', 'CONTOSO\\a b', '$(calc)\\x'].some(
        (name) => check.test(name),
      ),
    ).toBe(false);
    // The undo removes the SPN from the same variable and puts the pool back on its built-in identity.
    const undo = script.slice(script.indexOf('function Undo-IwaDoctorChange'));
    expect(undo).toContain(
      "& $appcmd set apppool 'PortalPool' '/processModel.identityType:ApplicationPoolIdentity'",
    );
    expect(undo).toContain("setspn.exe -D 'HTTP/portal.contoso.com' $ChosenAccount");
    expect(script).not.toMatch(/password:[^'"]/i);
  });

  it('gives a pool back to its previous domain account by asking that account’s password, and says a new password cannot be undone', () => {
    const script = buildAdminHandoffScript({
      ...base,
      cause: 'etype-mismatch',
      steps: [
        {
          kind: 'enable-aes',
          accountDn: 'CN=svc-web,OU=Service Accounts,DC=contoso,DC=com',
          computer: false,
          why: 'AES',
        },
        {
          kind: 'reset-password',
          accountDn: 'CN=svc-web,OU=Service Accounts,DC=contoso,DC=com',
          why: 'keys',
        },
        {
          kind: 'set-pool-identity',
          pool: 'AppPool1',
          account: 'CONTOSO\\svc-web',
          previousIdentityType: 'SpecificUser',
          previousUserName: 'CONTOSO\\svc-web',
          why: 'new password',
        },
        {
          kind: 'set-pool-identity',
          pool: 'OtherPool',
          account: 'CONTOSO\\svc-web',
          previousIdentityType: 'SpecificUser',
          previousUserName: 'CONTOSO\\svc-old',
          why: 'one identity',
        },
      ],
    });
    const undo = script.slice(script.indexOf('function Undo-IwaDoctorChange'));
    expect(undo).toContain(
      "$previousCredential = Get-Credential -UserName 'CONTOSO\\svc-old' -Message 'The password of the account that runs application pool OtherPool'",
    );
    expect(undo).toContain('pool AppPool1 keeps the new password of CONTOSO\\svc-web: the old one is gone.');
    expect(undo).toContain('the old one is gone and cannot be put back');
    expect(undo).toContain(
      "if ($null -eq $IwaDoctorPreviousEncryptionTypes) { Set-ADUser -Identity 'CN=svc-web,OU=Service Accounts,DC=contoso,DC=com' -Clear 'msDS-SupportedEncryptionTypes' }",
    );
    // Reversed order: the last change is undone first.
    expect(undo.indexOf('OtherPool')).toBeLessThan(undo.indexOf('AppPool1'));
  });

  it.each([
    ['a pool name with a double quote', { pool: 'Pool"x' }],
    ['a pool name with a line break', { pool: 'Pool\r\nRemove-Item C:\\' }],
    ['an unknown identity type', { previousIdentityType: 'Administrator' }],
    ['a local account', { account: '.\\iisuser' }],
  ])('refuses %s in an IIS identity step', (_what, change) => {
    expect(() =>
      buildAdminHandoffScript({
        ...base,
        steps: [
          {
            kind: 'set-pool-identity',
            pool: 'PortalPool',
            account: 'CONTOSO\\svc-web',
            previousIdentityType: 'ApplicationPoolIdentity',
            previousUserName: null,
            why: 'x',
            ...change,
          },
        ],
      }),
    ).toThrow();
  });

  it('refuses a location appcmd cannot take and a DN that does not parse', () => {
    expect(() =>
      buildAdminHandoffScript({
        ...base,
        steps: [{ kind: 'use-apppool-credentials', location: 'Portal" /commit:webroot', why: 'x' }],
      }),
    ).toThrow(/cannot be written in an appcmd command/);
    expect(() =>
      buildAdminHandoffScript({
        ...base,
        steps: [{ kind: 'enable-aes', accountDn: 'svc-web', computer: false, why: 'x' }],
      }),
    ).toThrow();
  });
});
