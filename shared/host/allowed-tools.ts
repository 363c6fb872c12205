/**
 * Executables a probe or remedy may run; anything else is refused before it reaches the OS
 * (both hosts check, and the PowerShell script checks again by its own fixed table).
 */
import { z } from 'zod';

export const allowedTools = ['setspn', 'appcmd', 'klist', 'cmdkey', 'nltest', 'w32tm'] as const;
export const allowedToolSchema = z.enum(allowedTools);
export type AllowedTool = z.infer<typeof allowedToolSchema>;

/** One tool invocation as data: the tool id and its argument array (never a command line). */
export const toolInvocationSchema = z.object({
  tool: allowedToolSchema,
  args: z
    .array(
      z
        .string()
        .max(16_384)
        .refine((arg) => !arg.includes('\u0000'), 'NUL in a tool argument'),
    )
    .max(64),
});
export type ToolInvocation = z.infer<typeof toolInvocationSchema>;
