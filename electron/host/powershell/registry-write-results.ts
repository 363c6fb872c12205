/** Answers of the three registry-writing primitives (scripts/set-registry-value.ps1 and friends). */
import { z } from 'zod';

export const setRegistryValueResultSchema = z.object({ written: z.literal(true) });
export const deleteRegistryValueResultSchema = z.object({ existed: z.boolean() });
export const deleteEmptyRegistryKeyResultSchema = z.object({ deleted: z.boolean(), absent: z.boolean() });
