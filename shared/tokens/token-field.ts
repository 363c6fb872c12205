/**
 * The generic field tree the Token inspector and the CLI show under the plain-words
 * summary: every node a label, a display value (may be empty for groups) and children.
 */
export interface TokenField {
  readonly label: string;
  readonly value: string;
  readonly children: readonly TokenField[];
}

export function field(
  label: string,
  value: string | number | boolean | null,
  children: readonly TokenField[] = [],
): TokenField {
  return { label, value: value === null ? '—' : String(value), children };
}

export function group(label: string, children: readonly TokenField[]): TokenField {
  return { label, value: '', children };
}
