/**
 * Answers of the firefox-files primitive (scripts/firefox-files.ps1): the read (profiles.ini,
 * running, prefs.js, user.js; null for a file that does not exist) and the user.js write.
 */
import { z } from 'zod';
import {
  maxFirefoxFileLength,
  type FirefoxFilesRead,
} from '../../../shared/browsers/firefox-profile-files.js';

const fileText = z.string().max(maxFirefoxFileLength).nullable();

export const firefoxFilesReadResultSchema = z.object({
  profilesIni: fileText,
  running: z.boolean(),
  prefsJs: fileText,
  userJs: fileText,
});

export const firefoxUserJsWriteResultSchema = z.object({ written: z.literal(true) });

/** Largest user.js the host writes: the argument JSON stays far below 5.1's ConvertFrom-Json limit [U]. */
export const maxUserJsWriteLength = 512 * 1024;

export function toFirefoxFilesRead(result: z.infer<typeof firefoxFilesReadResultSchema>): FirefoxFilesRead {
  return {
    profilesIni: result.profilesIni,
    running: result.running,
    prefsJs: result.prefsJs,
    userJs: result.userJs,
  };
}
