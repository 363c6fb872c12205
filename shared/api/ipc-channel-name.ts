/**
 * The IPC channel an API channel travels on in Electron: prefixed, so that nothing else sent
 * over IPC (by Electron itself or a dependency) can collide with the contract's names. Used by
 * electron/main/ipc.ts (handle) and the preload (invoke).
 */
import type { ApiChannel } from './contract.js';

export function ipcChannelName(channel: ApiChannel): `iwa-doctor:${ApiChannel}` {
  return `iwa-doctor:${channel}`;
}
