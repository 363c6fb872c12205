/**
 * Preload (sandboxed, CommonJS when bundled): exposes the small domain API on
 * `window.iwaDoctor` — `iwaDoctor.diagnosis.run(target)`, `iwaDoctor.remedy.apply({ offerId })`,
 * one method per contract channel (shared/api/domain-api.ts) — never ipcRenderer itself nor a
 * generic invoke. The main process checks the sender and validates every request with the
 * contract's zod schema; the renderer validates every answer.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createDomainApi } from '../../shared/api/domain-api.js';
import { ipcChannelName } from '../../shared/api/ipc-channel-name.js';

contextBridge.exposeInMainWorld(
  'iwaDoctor',
  createDomainApi((channel, request) => ipcRenderer.invoke(ipcChannelName(channel), request)),
);
