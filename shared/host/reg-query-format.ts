/**
 * Renders a registry tree as `reg query <key> /s` prints it, so raw evidence looks like what
 * an engineer would see on the machine: key line, then values indented four spaces with
 * name, type and data separated by four spaces, DWORD as 0x-hex (reference §1.8, real output).
 */
import {
  formatRegistryData,
  formatRegistryKey,
  joinRegistryPath,
  type RegistryKeyRef,
  type RegistryTreeNode,
} from './registry.js';

export function formatRegQuery(key: RegistryKeyRef, tree: RegistryTreeNode | null): string {
  if (!tree)
    return `ERROR: The system was unable to find the specified registry key or value.\n(${formatRegistryKey(key)})`;
  const lines: string[] = [];
  const walk = (path: string, node: RegistryTreeNode): void => {
    lines.push(formatRegistryKey({ hive: key.hive, path }));
    for (const { name, value } of node.values) {
      lines.push(`    ${name === '' ? '(Default)' : name}    ${value.type}    ${formatRegistryData(value)}`);
    }
    lines.push('');
    for (const child of node.subkeys) walk(joinRegistryPath(path, child.name), child);
  };
  walk(key.path, tree);
  return lines.join('\n').trimEnd();
}
