/** The electron package's folder, or null when it is not installed (npm ci --omit=dev). */
export function electronPackageDirectory(): string | null;
/** The path of the Electron executable, or null when it was never downloaded. */
export function findElectronBinary(): string | null;
