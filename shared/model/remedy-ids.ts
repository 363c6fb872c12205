/**
 * Remedy ids: the renderer and the journal name remedies by these; each maps to one fixed
 * implementation in electron/engine/remedies. Add ids, never rename (journals store them).
 */
import { z } from 'zod';

export const remedyIds = ['zone.add-to-intranet'] as const;
export const remedyIdSchema = z.enum(remedyIds);
export type RemedyId = z.infer<typeof remedyIdSchema>;
