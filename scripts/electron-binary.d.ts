/** The path of the Electron executable, or null when it was never downloaded. */
export function findElectronBinary(): string | null;
