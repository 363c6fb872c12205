/**
 * Preload (sandboxed, CommonJS when bundled): exposes one small domain API on
 * `window.iwaDoctor`, never ipcRenderer itself. The channel must be one of the contract's;
 * the engine validates the request.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { apiChannels, type IwaDoctorApi } from '../../shared/api/contract.js';

const api: IwaDoctorApi = {
  invoke(channel, request) {
    if (!apiChannels.includes(channel))
      return Promise.resolve({ ok: false, error: { code: 'bad-request', message: 'unknown API channel' } });
    return ipcRenderer.invoke(`iwa-doctor:${channel}`, request);
  },
};

contextBridge.exposeInMainWorld('iwaDoctor', api);
