/**
 * A remedy's plan: the exact operations it will perform, shown to the person before it runs
 * and journaled with the previous state before anything changes.
 */
import { z } from 'zod';
import { remedyScopeSchema } from '../causes/cause-catalog.js';
import { firefoxProfileRefSchema, maxFirefoxFileLength } from '../browsers/firefox-profile-files.js';
import { toolInvocationSchema } from '../host/allowed-tools.js';
import { registryKeyRefSchema, registryValueNameSchema, registryValueSchema } from '../host/registry.js';
import { remedyIdSchema } from './remedy-ids.js';
import { restartRequiredSchema } from './restart-required.js';
import { toolPreviousStateSchema, toolSubjectSchema } from './tool-subject.js';

export const changeOperationSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('registry.setValue'),
    key: registryKeyRefSchema,
    name: registryValueNameSchema,
    value: registryValueSchema,
  }),
  z.object({
    op: z.literal('registry.deleteValue'),
    key: registryKeyRefSchema,
    name: registryValueNameSchema,
  }),
  /**
   * Run one allow-listed tool (setspn -S, appcmd set config, klist purge, w32tm /resync, ...).
   * The remedy computes the undo from the state it read while planning (e.g. the previous
   * appcmd value) and states it here; null means it cannot be undone (the plan's notes say
   * why, before the person applies it).
   */
  z.object({
    op: z.literal('tool.run'),
    run: toolInvocationSchema,
    undo: toolInvocationSchema.nullable(),
    /** What it does, in plain words, for the journal and the History view. */
    describe: z.string(),
    /**
     * What it changes, as data (an IIS section's attributes, one account holding one SPN): the
     * runner journals its state before the change and checks it again before undo. Absent for
     * tools whose effect is not re-read (klist purge, w32tm /resync, cmdkey /delete).
     */
    subject: toolSubjectSchema.optional(),
  }),
  /**
   * Replace a Firefox profile's user.js with `text` (reference §2.5; the only file IWA Doctor
   * writes). The previous content is journaled (null: there was no user.js) and undo puts it back.
   */
  z.object({
    op: z.literal('firefox.writeUserJs'),
    profile: firefoxProfileRefSchema,
    text: z.string().max(maxFirefoxFileLength),
    describe: z.string(),
  }),
]);
export type ChangeOperation = z.infer<typeof changeOperationSchema>;

export const changePlanSchema = z.object({
  offerId: z.string(),
  remedy: remedyIdSchema,
  title: z.string(),
  scope: remedyScopeSchema,
  /** Plain-language summary of the effect. */
  summary: z.string(),
  operations: z.array(changeOperationSchema).min(1),
  /** The exact change, one line each, as a person would type or read it (e.g. a reg.exe line). */
  exactChange: z.array(z.string()),
  /** Things to know before applying (restart the browser, cannot be undone, ...). */
  notes: z.array(z.string()),
  needsElevation: z.boolean(),
  /**
   * What must restart before the change takes effect (http.sys limits, the loopback-check
   * list); absent when it takes effect at once. Said before applying and kept in the journal.
   */
  restartRequired: restartRequiredSchema.optional(),
});
export type ChangePlan = z.infer<typeof changePlanSchema>;

/**
 * The state an operation found, recorded before it ran, so undo can restore exactly that and
 * refuse when it changed since. Tool operations carry their undo call in the operation; their
 * previous state is the subject's state (null for tools without a subject).
 */
export const previousStateSchema = z.union([
  z.object({
    /** Keys the operation had to create, deepest first: undo removes them again if still empty. */
    keysCreated: z.array(registryKeyRefSchema),
    /** null: the value did not exist. */
    value: registryValueSchema.nullable(),
  }),
  /** A file operation: the whole previous text, null when the file did not exist. */
  z.object({ fileText: z.string().max(maxFirefoxFileLength).nullable() }),
  /** A tool operation with a subject: the IIS values or the SPN's holders before it ran. */
  toolPreviousStateSchema,
]);
export type PreviousState = z.infer<typeof previousStateSchema>;
