/**
 * Reading IIS configuration with the rights it needs. applicationHost.config is normally
 * readable only by administrators: appcmd run in the person's own session then answers
 * "Cannot read configuration file due to insufficient permissions" (an ERROR line, as the
 * robustness fixture in shared/iis/appcmd-output.test.ts quotes it). The read is then done
 * again through the elevated host — one UAC prompt; the PowerShell host keeps that elevated
 * session, so the fix that follows runs there without a second prompt. A declined prompt
 * reads nothing and changes nothing, and says so in one plain line.
 */
import { HostError, type Host, type ToolRun } from '../../host/host.js';

const deniedPattern = /Cannot read configuration file due to insufficient permissions/i;

/** appcmd's answer when the person may not read applicationHost.config. */
export function configReadDenied(run: ToolRun): boolean {
  return deniedPattern.test(`${run.stdout}\n${run.stderr}`);
}

export const needsAdministrator =
  'reading the IIS configuration (applicationHost.config) needs administrator rights';

export type AppcmdRead =
  | {
      readonly kind: 'read';
      readonly run: ToolRun;
      /** The host that could read: the person's own, or the elevated one. */
      readonly host: Host;
      readonly asAdministrator: boolean;
    }
  | { readonly kind: 'refused'; readonly run: ToolRun; readonly reason: string };

/** Runs one appcmd read; refused for lack of rights, runs it again elevated (UAC). */
export async function readAppcmd(host: Host, args: readonly string[]): Promise<AppcmdRead> {
  const run = await host.runTool('appcmd', args);
  if (!configReadDenied(run)) return { kind: 'read', run, host, asAdministrator: false };
  if (!host.elevated)
    return {
      kind: 'refused',
      run,
      reason: `${needsAdministrator}, which cannot be requested here; run IWA Doctor as an administrator`,
    };
  let elevated: Host;
  try {
    elevated = await host.elevated();
  } catch (error) {
    if (error instanceof HostError && error.code === 'elevation-refused')
      return {
        kind: 'refused',
        run,
        reason: `${needsAdministrator}, and the administrator prompt (UAC) was declined, so nothing was read`,
      };
    throw error;
  }
  const again = await elevated.runTool('appcmd', args);
  return { kind: 'read', run: again, host: elevated, asAdministrator: elevated !== host };
}
