/**
 * Evidence: typed facts a probe saw, each with the raw output it came from, so a person
 * can check the app's reading against what Windows (or the server) actually said.
 *
 * Each evidence kind declares its facts by augmenting `EvidenceFactsByKind` from the
 * module that produces it (declaration merging), so rules get typed facts without one
 * central file every feature has to edit.
 */
import { z } from 'zod';

export interface EvidenceFactsByKind {
  /** Plain facts a probe reports without a dedicated kind of its own. */
  observation: Readonly<Record<string, string | number | boolean | null>>;
}

export type EvidenceKind = keyof EvidenceFactsByKind & string;

export const evidenceStatuses = ['ok', 'problem', 'info', 'unavailable'] as const;
export type EvidenceStatus = (typeof evidenceStatuses)[number];

export interface RawOutput {
  /** What produced it, e.g. `reg query HKCU\...\ZoneMap\Domains /s` or `klist get HTTP/web01`. */
  readonly label: string;
  readonly text: string;
}

type EvidenceByKind = {
  [Kind in EvidenceKind]: {
    /** Unique within one diagnosis. */
    readonly id: string;
    readonly probe: string;
    readonly kind: Kind;
    readonly status: EvidenceStatus;
    /** One sentence in plain words. */
    readonly summary: string;
    readonly facts: EvidenceFactsByKind[Kind];
    readonly raw: readonly RawOutput[];
  };
};

export type Evidence<K extends EvidenceKind = EvidenceKind> = EvidenceByKind[K];

export function isEvidenceOf<K extends EvidenceKind>(
  evidence: Evidence,
  kind: K,
): evidence is Evidence<K> & Evidence {
  return evidence.kind === kind;
}

export function evidenceOfKind<K extends EvidenceKind>(all: readonly Evidence[], kind: K): Evidence<K>[] {
  // The kind tag decides the facts' type; TypeScript cannot narrow a generic union by it.
  return all.filter((evidence) => evidence.kind === kind) as Evidence<K>[];
}

/** Wire form: facts travel as JSON; the kind tells a reader how to interpret them. */
export const evidenceSchema = z.object({
  id: z.string(),
  probe: z.string(),
  kind: z.string(),
  status: z.enum(evidenceStatuses),
  summary: z.string(),
  facts: z.unknown(),
  raw: z.array(z.object({ label: z.string(), text: z.string() })).readonly(),
});

/** Evidence as it crosses the API: facts are opaque JSON to a reader that does not know the kind. */
export type WireEvidence = z.infer<typeof evidenceSchema>;
