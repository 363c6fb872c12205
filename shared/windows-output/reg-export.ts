/**
 * Parser for regedit export files (`.reg`, "Windows Registry Editor Version 5.00" or
 * "REGEDIT4"), the form the reference quotes real registry state in (§1.3 ZoneMap exports),
 * and a reader that cuts the parsed keys into the trees a probe would have fetched.
 *
 * Supported: `[HKEY_CURRENT_USER\…]` / `[HKEY_LOCAL_MACHINE\…]` (and HKCU/HKLM), `@` and
 * `"name"` values of type string, `dword:`, `hex:`, `hex(2):` (REG_EXPAND_SZ), `hex(7):`
 * (REG_MULTI_SZ), `hex(b):` (REG_QWORD), `\` line continuations, `;` comments. Deletions
 * (`[-key]`, `"x"=-`) are rejected: an export never contains them.
 * Strict and bounded: 1 MiB of text, 20 000 keys; anything else is a RegExportError naming the line.
 */
import type {
  RegistryHive,
  RegistryKeyRef,
  RegistryNamedValue,
  RegistryTreeNode,
  RegistryValue,
} from '../host/registry.js';
import type { FetchedRegistryTree } from '../host/registry-view.js';

export class RegExportError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'RegExportError';
  }
}

export interface RegExportKey {
  readonly hive: RegistryHive;
  readonly path: string;
  readonly values: RegistryNamedValue[];
}

const maxTextLength = 1 << 20;
const maxKeys = 20_000;

const hiveNames: Readonly<Record<string, RegistryHive>> = {
  HKEY_CURRENT_USER: 'HKCU',
  HKCU: 'HKCU',
  HKEY_LOCAL_MACHINE: 'HKLM',
  HKLM: 'HKLM',
};

function parseQuoted(text: string, start: number, line: number): { value: string; end: number } {
  let out = '';
  let i = start + 1;
  while (i < text.length) {
    const char = text[i];
    if (char === '\\') {
      const next = text[i + 1];
      if (next !== '\\' && next !== '"') throw new RegExportError(`unknown escape \\${next ?? ''}`, line);
      out += next;
      i += 2;
      continue;
    }
    if (char === '"') return { value: out, end: i + 1 };
    out += char;
    i += 1;
  }
  throw new RegExportError('unterminated string', line);
}

function hexBytes(text: string, line: number): number[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  return trimmed.split(',').map((part) => {
    const byte = part.trim();
    if (!/^[0-9a-fA-F]{1,2}$/.test(byte))
      throw new RegExportError(`bad hex byte ${JSON.stringify(byte)}`, line);
    return parseInt(byte, 16);
  });
}

function utf16(bytes: number[]): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2)
    out += String.fromCharCode((bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8));
  return out;
}

function trimTrailingNuls(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0) end -= 1;
  return text.slice(0, end);
}

function parseData(text: string, line: number): RegistryValue {
  if (text.startsWith('"')) {
    const { value, end } = parseQuoted(text, 0, line);
    if (text.slice(end).trim() !== '') throw new RegExportError('text after string value', line);
    return { type: 'REG_SZ', data: value };
  }
  const dword = /^dword:([0-9a-fA-F]{8})$/.exec(text);
  if (dword) return { type: 'REG_DWORD', data: parseInt(dword[1] ?? '0', 16) };
  const hex = /^hex(?:\(([0-9a-fA-F]{1,2})\))?:(.*)$/.exec(text);
  if (hex) {
    const kind = hex[1]?.toLowerCase() ?? '3';
    const bytes = hexBytes(hex[2] ?? '', line);
    switch (kind) {
      case '3':
        return { type: 'REG_BINARY', data: bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('') };
      case '2':
        return { type: 'REG_EXPAND_SZ', data: trimTrailingNuls(utf16(bytes)) };
      case '7': {
        const strings = utf16(bytes).split('\u0000');
        while (strings.length > 0 && strings[strings.length - 1] === '') strings.pop();
        return { type: 'REG_MULTI_SZ', data: strings };
      }
      case 'b': {
        if (bytes.length !== 8) throw new RegExportError('REG_QWORD needs 8 bytes', line);
        let value = 0n;
        for (let i = 7; i >= 0; i -= 1) value = (value << 8n) | BigInt(bytes[i] ?? 0);
        return { type: 'REG_QWORD', data: value.toString() };
      }
      case '4':
        if (bytes.length !== 4) throw new RegExportError('REG_DWORD needs 4 bytes', line);
        return {
          type: 'REG_DWORD',
          data:
            ((bytes[0] ?? 0) | ((bytes[1] ?? 0) << 8) | ((bytes[2] ?? 0) << 16) | ((bytes[3] ?? 0) << 24)) >>>
            0,
        };
      default:
        throw new RegExportError(`unsupported value type hex(${kind})`, line);
    }
  }
  if (text === '-') throw new RegExportError('value deletions are not part of an export', line);
  throw new RegExportError(`unrecognised value data ${JSON.stringify(text.slice(0, 40))}`, line);
}

export function parseRegExport(text: string): RegExportKey[] {
  if (text.length > maxTextLength) throw new RegExportError('export larger than 1 MiB', 0);
  const rawLines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  // Join continuation lines (a trailing backslash outside of a quoted string).
  const lines: { text: string; line: number }[] = [];
  for (let i = 0; i < rawLines.length; i += 1) {
    let current = rawLines[i] ?? '';
    const start = i + 1;
    while (/,\\\s*$/.test(current) && i + 1 < rawLines.length) {
      i += 1;
      current = current.replace(/\\\s*$/, '') + (rawLines[i] ?? '').trim();
    }
    lines.push({ text: current, line: start });
  }
  const first = lines.find((entry) => entry.text.trim() !== '');
  if (!first || !/^(Windows Registry Editor Version 5\.00|REGEDIT4)$/.test(first.text.trim())) {
    throw new RegExportError(
      'missing "Windows Registry Editor Version 5.00" or "REGEDIT4" header',
      first?.line ?? 1,
    );
  }
  const keys: RegExportKey[] = [];
  let current: RegExportKey | null = null;
  for (const { text: rawLine, line } of lines) {
    const entry = rawLine.trim();
    if (entry === '' || entry.startsWith(';') || entry === first.text.trim()) continue;
    if (entry.startsWith('[')) {
      const header = /^\[([^\]]+)\]$/.exec(entry);
      if (!header) throw new RegExportError('malformed key header', line);
      const full = header[1] ?? '';
      if (full.startsWith('-')) throw new RegExportError('key deletions are not part of an export', line);
      const [hiveName, ...rest] = full.split('\\');
      const hive = hiveNames[(hiveName ?? '').toUpperCase()];
      if (!hive) throw new RegExportError(`unsupported hive ${JSON.stringify(hiveName)}`, line);
      const path = rest.filter((segment) => segment.length > 0).join('\\');
      if (keys.length >= maxKeys) throw new RegExportError('more than 20000 keys', line);
      current = { hive, path, values: [] };
      keys.push(current);
      continue;
    }
    if (!current) throw new RegExportError('value before any key header', line);
    let name: string;
    let rest: string;
    if (entry.startsWith('@=')) {
      name = '';
      rest = entry.slice(2);
    } else if (entry.startsWith('"')) {
      const quoted = parseQuoted(entry, 0, line);
      if (entry[quoted.end] !== '=') throw new RegExportError('expected = after value name', line);
      name = quoted.value;
      rest = entry.slice(quoted.end + 1);
    } else {
      throw new RegExportError(`unrecognised line ${JSON.stringify(entry.slice(0, 40))}`, line);
    }
    current.values.push({ name, value: parseData(rest.trim(), line) });
  }
  return keys;
}

interface MutableNode {
  name: string;
  values: RegistryNamedValue[];
  subkeys: MutableNode[];
}

function child(node: MutableNode, name: string): MutableNode {
  let found = node.subkeys.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
  if (!found) {
    found = { name, values: [], subkeys: [] };
    node.subkeys.push(found);
  }
  return found;
}

function cut(node: MutableNode, depth: number): RegistryTreeNode {
  if (depth === 0)
    return {
      name: node.name,
      values: node.values,
      subkeys: [],
      ...(node.subkeys.length > 0 ? { truncated: true } : {}),
    };
  return { name: node.name, values: node.values, subkeys: node.subkeys.map((sub) => cut(sub, depth - 1)) };
}

/** The trees a probe reading these roots (at these depths) would have fetched from the exported state. */
export function fetchedTreesFromExport(
  keys: readonly RegExportKey[],
  roots: readonly { key: RegistryKeyRef; depth: number }[],
): FetchedRegistryTree[] {
  const hives: Record<RegistryHive, MutableNode> = {
    HKCU: { name: 'HKCU', values: [], subkeys: [] },
    HKLM: { name: 'HKLM', values: [], subkeys: [] },
  };
  for (const key of keys) {
    let node = hives[key.hive];
    for (const segment of key.path.split('\\').filter((part) => part.length > 0)) node = child(node, segment);
    for (const value of key.values) {
      const index = node.values.findIndex(
        (existing) => existing.name.toLowerCase() === value.name.toLowerCase(),
      );
      if (index === -1) node.values.push(value);
      else node.values[index] = value;
    }
  }
  return roots.map(({ key, depth }) => {
    let node: MutableNode | undefined = hives[key.hive];
    for (const segment of key.path.split('\\')) {
      node = node?.subkeys.find((candidate) => candidate.name.toLowerCase() === segment.toLowerCase());
    }
    return { root: key, tree: node ? cut(node, depth) : null };
  });
}
