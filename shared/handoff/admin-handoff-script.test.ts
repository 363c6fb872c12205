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
