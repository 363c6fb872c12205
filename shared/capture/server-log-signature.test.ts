/**
 * Which renamed files a folder import reads: the first line IIS and HTTP.sys write, as
 * iwa-reference.md §5.3 quotes it, and nothing that merely looks similar.
 */
import { describe, expect, it } from 'vitest';
import {
  mayBeRenamedServerLog,
  serverLogSignatureBytes,
  startsLikeServerLog,
} from './server-log-signature.js';

describe('startsLikeServerLog', () => {
  it('is the #Software: line of IIS or HTTP.sys, with or without a byte-order mark, cut to the bytes read', () => {
    for (const first of [
      '#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n',
      '#Software: Microsoft Internet Information Services 8.5\r\n',
      '#Software: Microsoft HTTP API 1.0\r\n#Version: 1.0\r\n',
      '\uFEFF#Software: Microsoft HTTP API 2.0\r\n',
    ])
      expect(startsLikeServerLog(first.slice(0, serverLogSignatureBytes)), first).toBe(true);
  });

  it('is not any other text: another program, a header further down, an excerpt of records', () => {
    for (const first of [
      '#Software: Notepad\r\n',
      '#Software: Microsoft Exchange Server\r\n',
      '#Version: 1.0\r\n#Software: Microsoft Internet Information Services 10.0\r\n',
      '2011-05-12 15:50:12 192.168.0.211 POST /msdeploy.axd - 8172 - 192.168.0.203 - 401 2 5 1653\r\n',
      ' #Software: Microsoft Internet Information Services 10.0\r\n',
      '',
    ])
      expect(startsLikeServerLog(first), first).toBe(false);
  });
});

describe('mayBeRenamedServerLog', () => {
  it('looks inside .log and .txt files only', () => {
    expect(['web01.log', 'WEB02.TXT', 'u_ex240322-copy.log'].map(mayBeRenamedServerLog)).toEqual([
      true,
      true,
      true,
    ]);
    expect(['web.config', 'capture.zip', 'log', 'notes.txt.bak'].map(mayBeRenamedServerLog)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
