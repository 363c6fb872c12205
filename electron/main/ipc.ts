/**
 * The only place ipcMain is used: one handler per contract channel, each checking that the
 * message comes from our own window's top frame before the dispatcher validates it.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { apiChannels } from '../../shared/api/contract.js';
import { ipcChannelName } from '../../shared/api/ipc-channel-name.js';
import type { ApiDispatcher } from '../api/api-dispatcher.js';
import { rendererUrl } from './window.js';

function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame === event.sender.mainFrame && frame.url === rendererUrl();
}

export function registerApi(dispatch: ApiDispatcher): void {
  for (const channel of apiChannels) {
    ipcMain.handle(ipcChannelName(channel), async (event, request: unknown) => {
      if (!trustedSender(event))
        return { ok: false, error: { code: 'bad-request', message: 'untrusted sender' } };
      return dispatch(channel, request);
    });
  }
}
