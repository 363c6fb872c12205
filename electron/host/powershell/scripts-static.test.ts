/**
 * A static review of every .ps1 the host sends: no dynamic code (Invoke-Expression, iex,
 * Add-Type, [scriptblock]::Create of anything but hash-verified fixed text, ...), arguments
 * reached only through the decoded JSON object, ASCII only and no empty line (primitive-scripts.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { elevatedPrimitives, sessionPrimitives } from './primitive-names.js';
import { defaultScriptsDirectory, loadPrimitiveScripts } from './primitive-scripts.js';

const directory = defaultScriptsDirectory();
const files = readdirSync(directory).filter((name) => name.endsWith('.ps1'));
const read = (name: string) => readFileSync(`${directory}/${name}`, 'utf8');
/** Code only: full-line comments and trailing comments removed (no script puts # inside a string before code). */
const code = (name: string) =>
  read(name)
    .split(/\r?\n/)
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n');

describe('PowerShell scripts, static review', () => {
  it('the folder holds exactly the known scripts', () => {
    expect(files.sort()).toEqual(
      [
        ...sessionPrimitives.map((name) => `${name}.ps1`),
        'prelude.ps1',
        'epilogue.ps1',
        'elevated-bootstrap.ps1',
        'elevated-server.ps1',
      ].sort(),
    );
  });

  it('all of them load: printable ASCII, no empty line', () => {
    expect(() => loadPrimitiveScripts()).not.toThrow();
  });

  for (const file of files) {
    it(`${file}: no dynamic code execution`, () => {
      const text = code(file);
      expect(text).not.toMatch(/Invoke-Expression/i);
      expect(text).not.toMatch(/(^|[\s|;(])iex([\s;)]|$)/im);
      expect(text).not.toMatch(/Add-Type/i);
      expect(text).not.toMatch(
        /Invoke-Command|Start-Job|Start-Process|\$ExecutionContext|NewScriptBlock|InvokeScript|\[powershell\]::Create|cmd(\.exe)?\s+\/c/i,
      );
      expect(text).not.toMatch(/Invoke-Item|&\s*\$\w+\s*\(/i);
      const creates = [...text.matchAll(/\[scriptblock\]::Create\(([^)]*)\)/gi)].map((match) => match[1]);
      if (file === 'elevated-bootstrap.ps1' || file === 'elevated-server.ps1') {
        // Only text from the bundle whose SHA-256 came through the UAC command line.
        expect(creates).toEqual(['$verifiedScriptText']);
      } else {
        expect(creates).toEqual([]);
      }
      // Double-quoted strings expand $(...) at run time; none may hold argument data.
      for (const [literal] of text.matchAll(/"(?:[^"`]|`.)*"/g)) {
        expect(literal, `double-quoted string ${literal}`).not.toMatch(
          /\$(Arguments|IwaArguments|ArgumentsBase64|args)\b/i,
        );
      }
    });
  }

  it('the bundle hash is checked before stage 1 creates anything', () => {
    const text = code('elevated-bootstrap.ps1');
    const check = text.indexOf('ComputeHash($b)) -cne $o.h){exit 3}');
    expect(check).toBeGreaterThan(0);
    expect(check).toBeLessThan(text.indexOf('[scriptblock]::Create'));
  });

  it('arguments enter only through the decoded base64 JSON in the prelude', () => {
    const prelude = code('prelude.ps1');
    expect(prelude).toMatch(
      /\[ValidatePattern\('\^\[A-Za-z0-9\+\/\]\*=\{0,2\}\$'\)\]\[string\]\$ArgumentsBase64/,
    );
    expect(prelude).toContain(
      '$IwaArguments = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ArgumentsBase64)) | ConvertFrom-Json',
    );
    for (const name of sessionPrimitives) {
      const text = code(`${name}.ps1`);
      expect(text, name).not.toMatch(/\$ArgumentsBase64|\$IwaArguments|\$args\b|\$input\b|\$env:/i);
      expect(text, name).toMatch(/function Invoke-IwaPrimitive \{\n\s*param\(\$Arguments\)/);
    }
    expect(code('epilogue.ps1')).toContain('Invoke-IwaPrimitive -Arguments $IwaArguments');
  });

  it('the elevated server offers exactly the elevated primitives', () => {
    const match = /\$allowedPrimitives = @\(([^)]*)\)/.exec(code('elevated-server.ps1'));
    const listed = [...(match?.[1] ?? '').matchAll(/'([a-z-]+)'/g)].map((entry) => entry[1]);
    expect(listed).toEqual([...elevatedPrimitives]);
  });
});
