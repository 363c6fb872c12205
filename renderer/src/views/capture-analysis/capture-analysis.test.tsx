/**
 * Analyze a capture: the store reads Files (here without a worker: the test runner has
 * none, which is the fallback path), reports progress, stops on cancel, filters a folder to
 * log and HAR names, walks dropped folders, and the results show the summary by pattern with
 * "consistent with", the timeline per client and each HAR's hosts, connections and exchanges.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { logStepText } from '../../../../shared/logs/log-step-text.js';
import { CaptureAnalysisResults } from './capture-analysis-results.js';
import { createCaptureAnalysisStore } from './capture-analysis-store.js';
import { collectDroppedFiles, takeDropSelection } from './dropped-files.js';

// The renderer may not read files (lint: no node built-ins): the logs are written here.
const fields =
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken';
const agent = 'Mozilla/5.0+(Windows+NT+10.0)+Edge/120';
const line = (time: string, client: string, url: string, status: string, user = '-') =>
  `2026-11-20 ${time} 10.0.0.1 GET ${url} - 80 ${user} ${client} ${agent} - ${status} 12`;
const log = [
  fields,
  line('08:00:01', '10.0.0.5', '/app/', '401 2 5'),
  line('08:00:01', '10.0.0.5', '/app/', '200 0 0', 'CONTOSO\\alice'),
  ...['08:00:10', '08:00:20', '08:00:30'].flatMap((time) => [
    line(time, '10.0.0.6', '/hr/', '401 2 5'),
    line(time, '10.0.0.6', '/hr/', '401 1 2148074254'),
  ]),
].join('\r\n');
const har = JSON.stringify({
  log: {
    version: '1.2',
    entries: [
      {
        connection: '1',
        request: { method: 'GET', url: 'http://intranet/', headers: [] },
        response: { status: 401, headers: [{ name: 'WWW-Authenticate', value: 'Negotiate' }] },
      },
      {
        connection: '1',
        request: { method: 'GET', url: 'http://intranet/', headers: [] },
        response: { status: 200, headers: [] },
      },
    ],
  },
});

async function settled(
  store: ReturnType<typeof createCaptureAnalysisStore>,
  files: File[],
  fromFolder = false,
) {
  await store.getState().analyze(fromFolder ? [] : files, fromFolder ? { folderFiles: files } : {});
  return store.getState().status;
}

/**
 * A dropped folder as Chromium's File and Directory Entries API hands it out: entries in
 * batches from readEntries until an empty batch (Node has no such API; the shapes are the DOM's).
 */
function folderEntry(name: string, children: readonly (File | FileSystemDirectoryEntry)[], batch = 2) {
  const entries = children.map((child): FileSystemEntry =>
    child instanceof File
      ? ({
          isFile: true,
          isDirectory: false,
          name: child.name,
          file: (resolve: (file: File) => void) => resolve(child),
        } as unknown as FileSystemFileEntry)
      : child,
  );
  return {
    isFile: false,
    isDirectory: true,
    name,
    createReader() {
      let offset = 0;
      return {
        readEntries(resolve: (entries: FileSystemEntry[]) => void) {
          const next = entries.slice(offset, offset + batch);
          offset += batch;
          queueMicrotask(() => resolve(next));
        },
      };
    },
  } as unknown as FileSystemDirectoryEntry;
}

describe('capture analysis store', () => {
  it('reads a log and a HAR chosen as files: summary, findings, timeline', async () => {
    const store = createCaptureAnalysisStore();
    const status = await settled(store, [new File([log], 'u_ex261120.log'), new File([har], 'capture.har')]);
    if (status.kind !== 'done') throw new Error(`expected done, got ${JSON.stringify(status)}`);
    const { analysis } = status;
    expect(analysis.summary.map((row) => `${row.source}:${row.kind}`)).toEqual([
      'log:normal-kerberos',
      'log:prompt-loop',
      'har:normal-unknown',
      'har:tokens-removed',
    ]);
    expect(analysis.findings.map((finding) => `${finding.cause}/${finding.confidence}`)).toEqual([
      'spn-missing/possible',
      'challenge-normal/confirmed',
      'challenge-normal/confirmed',
    ]);
    expect(analysis.logs?.timeline.map((client) => client.client)).toEqual(['10.0.0.6', '10.0.0.5']);
  });

  it('a folder keeps u_ex*.log, httperr*.log, .har and renamed logs that start with the IIS header; nothing left is a plain message', async () => {
    const store = createCaptureAnalysisStore();
    const renamed = `#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n${log}`;
    const status = await settled(
      store,
      [
        new File([log], 'u_ex261120.log'),
        new File(['x'], 'web.config'),
        new File([renamed], 'web02-u_ex261120.txt'),
        // An excerpt without the header cannot be told from other text by its start.
        new File([log], 'excerpt.log'),
      ],
      true,
    );
    if (status.kind !== 'done') throw new Error(`expected done, got ${JSON.stringify(status)}`);
    expect(status.analysis.files.map((file) => file.name)).toEqual([
      'u_ex261120.log',
      'web02-u_ex261120.txt',
    ]);
    expect(status.ignored).toEqual(['web.config', 'excerpt.log']);
    expect(await settled(store, [new File(['x'], 'notes.txt')], true)).toEqual({
      kind: 'error',
      message:
        'That folder holds no IIS log, HTTP.sys log or .har file: none is named u_ex*.log or httperr*.log, none starts with the #Software: line IIS writes. A log is read whatever its name when you choose or drop the file itself.',
    });
  });

  it('Stop while a folder’s files are looked at: nothing is read afterwards', async () => {
    let runs = 0;
    const store = createCaptureAnalysisStore(() => {
      runs++;
      throw new Error('nothing may be read after Stop');
    });
    const pending = store.getState().analyze([], { folderFiles: [new File([log], 'renamed.log')] });
    expect(store.getState().status).toEqual({ kind: 'running', files: [], progress: null });
    store.getState().cancel();
    await pending;
    expect(store.getState().status).toEqual({
      kind: 'idle',
      notice: 'Stopped: nothing was kept from the files that were being read.',
    });
    expect(runs).toBe(0);
  });

  it('a dropped folder is walked (sub-folders, batches) and filtered by name; files dropped beside it are all read', async () => {
    const folder = folderEntry('LogFiles', [
      new File([log], 'u_ex261120.log'),
      new File(['<configuration/>'], 'web.config'),
      folderEntry('W3SVC2', [new File([har], 'capture.har'), new File(['x'], 'readme.md')]),
    ]);
    const dropped = await collectDroppedFiles({
      files: [new File([log], 'site-excerpt.txt')],
      folders: [folder],
    });
    expect(dropped.files.map((file) => file.name)).toEqual(['site-excerpt.txt']);
    expect(dropped.folderFiles.map((file) => file.name)).toEqual([
      'u_ex261120.log',
      'web.config',
      'capture.har',
      'readme.md',
    ]);

    const store = createCaptureAnalysisStore();
    await store.getState().analyzeDrop({ files: [new File([log], 'site-excerpt.txt')], folders: [folder] });
    const status = store.getState().status;
    if (status.kind !== 'done') throw new Error(`expected done, got ${JSON.stringify(status)}`);
    expect(status.analysis.files.map((file) => file.name)).toEqual([
      'site-excerpt.txt',
      'u_ex261120.log',
      'capture.har',
    ]);
    expect(status.ignored).toEqual(['web.config', 'readme.md']);
  });

  it('a drop takes folders through webkitGetAsEntry and plain files through getAsFile, while the event runs', () => {
    const file = new File([log], 'u_ex261120.log');
    const folder = folderEntry('W3SVC1', []);
    const transfer = {
      items: [
        { kind: 'file', webkitGetAsEntry: () => folder, getAsFile: () => null },
        {
          kind: 'file',
          webkitGetAsEntry: () => ({ isFile: true, isDirectory: false }),
          getAsFile: () => file,
        },
        { kind: 'string', webkitGetAsEntry: () => null, getAsFile: () => null },
      ],
      files: [] as File[],
    } as unknown as DataTransfer;
    expect(takeDropSelection(transfer)).toEqual({ files: [file], folders: [folder] });
  });

  it('Stop while a dropped folder is still being walked: the walk ends, nothing is read afterwards', async () => {
    let release: (entries: FileSystemEntry[]) => void = () => undefined;
    let batches = 0;
    const slow = {
      isFile: false,
      isDirectory: true,
      name: 'Slow',
      createReader: () => ({
        // The first batch waits for the test; any later one is the empty end of the folder.
        readEntries: (resolve: (entries: FileSystemEntry[]) => void) =>
          batches++ === 0 ? (release = resolve) : resolve([]),
      }),
    } as unknown as FileSystemDirectoryEntry;
    let filesTaken = 0;
    const fileEntry = (name: string) =>
      ({
        isFile: true,
        isDirectory: false,
        name,
        file: (resolve: (file: File) => void) => {
          filesTaken++;
          resolve(new File([log], name));
        },
      }) as unknown as FileSystemEntry;
    const store = createCaptureAnalysisStore();
    const done = store.getState().analyzeDrop({ files: [], folders: [slow] });
    expect(store.getState().status).toEqual({ kind: 'running', files: [], progress: null });
    store.getState().cancel();
    release([fileEntry('u_ex261120.log'), fileEntry('u_ex261121.log')]);
    await done;
    expect(filesTaken).toBe(0);
    expect(store.getState().status).toEqual({
      kind: 'idle',
      notice: 'Stopped: nothing was kept from the files that were being read.',
    });
  });

  it('progress while reading, and Stop leaves nothing behind', async () => {
    const store = createCaptureAnalysisStore();
    // Many parts: Node's File.stream() yields one chunk per part (a browser cuts its own chunks).
    const block = `${line('08:00:01', '10.0.0.5', '/app/', '200 0 0')}\r\n`.repeat(200);
    const big = new File([`${fields}\r\n`, ...Array.from({ length: 100 }, () => block)], 'u_ex261121.log');
    const seen: string[] = [];
    const unsubscribe = store.subscribe((state) => {
      if (state.status.kind === 'running' && state.status.progress) {
        seen.push(`${state.status.progress.bytesDone}/${state.status.progress.bytesTotal}`);
        if (seen.length === 2) store.getState().cancel();
      }
    });
    await store.getState().analyze([big]);
    unsubscribe();
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(store.getState().status).toEqual({
      kind: 'idle',
      notice: 'Stopped: nothing was kept from the files that were being read.',
    });
  });
});

describe('capture analysis results', () => {
  it('renders the table by pattern with "consistent with", the timeline and the HAR exchange', async () => {
    const store = createCaptureAnalysisStore();
    const status = await settled(store, [new File([log], 'u_ex261120.log'), new File([har], 'capture.har')]);
    if (status.kind !== 'done') throw new Error('expected done');
    const html = renderToStaticMarkup(<CaptureAnalysisResults analysis={status.analysis} />);
    expect(html).toContain(
      '<tr data-kind="prompt-loop" data-problem="yes"><th scope="row"><code>prompt-loop</code></th>',
    );
    expect(html).toContain('consistent with spn-missing');
    expect(html).toContain('challenge-normal (shown)');
    expect(html).toMatch(/<strong>prompt-loop<\/strong>: 401\.2 5 → 401\.1 0x8009030E → 401\.2 5/);
    expect(html).toContain('Sign-in exchanges in <code>capture.har</code>');
    expect(html).toContain('no credentials → 200 (connection 1)');
    // The HAR's host with its connection, then its exchanges under the host.
    expect(html).toContain(
      '<tr data-host="intranet"><th scope="row"><code>intranet</code></th><td>2</td><td>1</td><td><ul class="capture-connections"><li data-connection="1">connection 1: 2 requests, exchange #0</li></ul></td></tr>',
    );
    expect(html).toContain('<section class="capture-har-host" aria-label="Sign-in exchanges with intranet">');
    expect(html).toContain('What these files cannot tell');
  });

  it('writes a step as IIS logged it, leaving out the columns the log does not have', () => {
    expect(logStepText({ time: '', status: 401, substatus: 1, win32: 0x8009030c, username: '' })).toBe(
      '401.1 0x8009030C',
    );
    expect(logStepText({ time: '', status: 200, substatus: 0, win32: 0, username: 'CONTOSO\\bob' })).toBe(
      '200 (CONTOSO\\bob)',
    );
    expect(logStepText({ time: '', status: 401, substatus: -1, win32: -1, username: '' })).toBe('401');
  });
});
