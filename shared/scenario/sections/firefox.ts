/**
 * Scenario section `firefox`: Firefox for the logged-on user of the simulated machine — its
 * profiles (as profiles.ini lists them) with their prefs, and whether it is running. The
 * scenario host writes profiles.ini, prefs.js and user.js from it in Firefox's own formats
 * (reference §2.5), and a fix that edits user.js changes `userPrefs`. Absent: Firefox has never
 * run for this user.
 */
import { z } from 'zod';

const prefValueSchema = z.union([z.string().max(32_768), z.number().int(), z.boolean()]);

const profileSchema = z
  .object({
    name: z.string().min(1).max(100).default('default-release'),
    path: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[A-Za-z0-9._/-]+$/, 'a relative profile path like Profiles/k7wqz1ph.default-release')
      .default('Profiles/k7wqz1ph.default-release')
      .describe('Relative to %APPDATA%\\Mozilla\\Firefox, as profiles.ini writes it.'),
    default: z.boolean().default(true).describe('The profile this Firefox installation starts with.'),
    prefs: z
      .record(z.string().min(1).max(200), prefValueSchema)
      .default({})
      .describe('What prefs.js holds (Firefox writes every changed pref there when it exits).'),
    userPrefs: z
      .record(z.string().min(1).max(200), prefValueSchema)
      .nullable()
      .default(null)
      .describe('What user.js holds (read at start-up, wins over prefs.js); null: there is no user.js.'),
  })
  .strict();

export const scenarioFirefoxSchema = z
  .object({
    running: z
      .boolean()
      .default(false)
      .describe('Firefox is open: a fix to its files must wait until it is closed.'),
    profiles: z.array(profileSchema).max(20).default([]),
  })
  .strict()
  .describe('Firefox of the logged-on user (profiles and prefs).');

export type ScenarioFirefox = z.infer<typeof scenarioFirefoxSchema>;
