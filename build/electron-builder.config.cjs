// @ts-check
/**
 * electron-builder configuration (one typed file). Windows targets: NSIS per-user (no admin
 * needed to install: the self-service user has no admin rights) and portable. Fuses harden
 * the packaged binary; the inspect-arguments fuse stays usable only in test builds.
 * @type {import('electron-builder').Configuration}
 */
const config = {
  appId: 'dev.iwa-doctor.app',
  productName: 'IWA Doctor',
  copyright: 'IWA Doctor contributors',
  directories: { output: 'dist/installers', buildResources: 'build' },
  files: ['dist/electron/**', 'dist/renderer/**', 'package.json', '!**/*.map'],
  extraResources: [
    { from: 'electron/host/powershell/scripts', to: 'powershell', filter: ['*.ps1'] },
    { from: 'e2e/scenarios', to: 'scenarios', filter: ['*.json'] },
  ],
  asar: true,
  win: {
    target: [
      { target: 'nsis', arch: ['x64', 'arm64'] },
      { target: 'portable', arch: ['x64'] },
    ],
    requestedExecutionLevel: 'asInvoker',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowElevation: false,
    allowToChangeInstallationDirectory: false,
    artifactName: '${productName}-Setup-${version}.${ext}',
  },
  portable: { artifactName: '${productName}-Portable-${version}.${ext}' },
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: process.env.IWA_DOCTOR_TEST_BUILD === '1',
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false,
  },
};

module.exports = config;
