/**
 * The primitives of the PowerShell host, one fixed script each under ./scripts (the file is
 * `<name>.ps1`). `start-elevated` runs only in the normal session; the elevated session
 * (elevated-server.ps1) offers the others.
 */
export const sessionPrimitives = [
  'machine-identity',
  'read-registry-tree',
  'set-registry-value',
  'delete-registry-value',
  'delete-empty-registry-key',
  'run-tool',
  'windows-zone-for-url',
  'read-kerberos-events',
  'firefox-files',
  'spn-write-right',
  'spn-change-time',
  'start-elevated',
] as const;
export type SessionPrimitive = (typeof sessionPrimitives)[number];

/** Must equal $allowedPrimitives in scripts/elevated-server.ps1 (a test checks it). */
export const elevatedPrimitives = [
  'machine-identity',
  'read-registry-tree',
  'set-registry-value',
  'delete-registry-value',
  'delete-empty-registry-key',
  'run-tool',
  'windows-zone-for-url',
] as const satisfies readonly SessionPrimitive[];
export type ElevatedPrimitive = (typeof elevatedPrimitives)[number];
