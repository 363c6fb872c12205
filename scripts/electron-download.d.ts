export interface ElectronDownloadOptions {
  /** Default: node_modules/electron/install.js (null when the package is missing). */
  readonly installScript?: string | null;
  /** Default: electronDownloadTimeoutMs. */
  readonly timeoutMs?: number;
  /** Where the binary is once the installer has run. Default: findElectronBinary. */
  readonly findBinary?: () => string | null;
  /** Called once if the download is still running after 5 s. */
  readonly onSlow?: () => void;
}

export type ElectronDownload =
  { readonly ok: true; readonly binary: string } | { readonly ok: false; readonly reason: string };

/** About 100 MB; a slow line may need minutes, a refused one answers at once. */
export const electronDownloadTimeoutMs: number;

/** electron's own installer script, or null when the electron package is not installed. */
export function electronInstallScript(): string | null;

/** Runs electron's installer with a time limit and its output kept; says why when it fails. */
export function downloadElectronBinary(options?: ElectronDownloadOptions): Promise<ElectronDownload>;
