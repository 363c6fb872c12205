/**
 * "Analyze a capture": drop or pick IIS logs (u_ex*.log), HTTP.sys error logs (httperr*.log)
 * or browser captures (.har) — one, many, or a whole folder. The files are read here, on
 * this computer, by the same analyzers as `iwa-doctor analyze`, with progress and a Stop
 * button; nothing is sent anywhere.
 */
import { useId, useState, type DragEvent } from 'react';
import { useStore } from 'zustand';
import { CaptureAnalysisResults } from './capture-analysis-results.js';
import { createCaptureAnalysisStore } from './capture-analysis-store.js';
import { takeDropSelection } from './dropped-files.js';
import './capture-analysis.css';

function percent(done: number, total: number): number {
  return total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
}

export function CaptureAnalysisView() {
  const [store] = useState(() => createCaptureAnalysisStore());
  const status = useStore(store, (state) => state.status);
  const { analyze, analyzeDrop, cancel, clear } = store.getState();
  const [dragging, setDragging] = useState(false);
  const filesId = useId();
  const folderId = useId();
  const hintId = useId();
  const running = status.kind === 'running';

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    if (running) return;
    // Taken now: the dropped items cannot be read once the event is over.
    const selection = takeDropSelection(event.dataTransfer);
    if (selection.files.length > 0 || selection.folders.length > 0) void analyzeDrop(selection);
  }

  return (
    <section className="capture-analysis" aria-labelledby="capture-analysis-title">
      <h2 id="capture-analysis-title">Analyze a capture</h2>
      <p className="capture-hint" id={hintId}>
        Read what already happened: the web server&apos;s logs (<code>u_ex….log</code> in{' '}
        <code>inetpub\logs\LogFiles</code>, <code>httperr….log</code> in{' '}
        <code>System32\LogFiles\HTTPERR</code>) or a browser capture saved from the developer tools (
        <code>.har</code>). The files are read on this computer and are not sent anywhere.
      </p>
      <div
        className={`capture-drop${dragging ? ' capture-drop-active' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="capture-drop"
      >
        <p>Drop log or HAR files or a folder here, or</p>
        <div className="capture-pickers">
          <label htmlFor={filesId} className="capture-picker">
            Choose files…
          </label>
          <input
            id={filesId}
            className="visually-hidden"
            type="file"
            multiple
            accept=".log,.har,.txt"
            disabled={running}
            aria-describedby={hintId}
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              event.target.value = '';
              if (files.length > 0) void analyze(files);
            }}
          />
          <label htmlFor={folderId} className="capture-picker">
            Choose a folder…
          </label>
          <input
            id={folderId}
            className="visually-hidden"
            type="file"
            // Chromium's folder picker: every file under the folder, filtered to log and HAR names.
            {...{ webkitdirectory: '' }}
            disabled={running}
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              event.target.value = '';
              if (files.length > 0) void analyze([], { folderFiles: files });
            }}
          />
        </div>
      </div>

      <div aria-live="polite">
        {status.kind === 'running' ? (
          <div className="capture-progress" role="status">
            <label>
              {status.progress
                ? `Reading ${status.progress.file} (file ${status.progress.fileIndex + 1} of ${status.progress.files}): ${percent(status.progress.bytesDone, status.progress.bytesTotal)}%`
                : status.files.length === 0
                  ? 'Looking through the folder…'
                  : `Reading ${status.files.length} file${status.files.length === 1 ? '' : 's'}…`}
              <progress
                max={100}
                value={
                  status.progress ? percent(status.progress.bytesDone, status.progress.bytesTotal) : undefined
                }
              />
            </label>
            <button type="button" onClick={cancel}>
              Stop
            </button>
          </div>
        ) : null}
        {status.kind === 'idle' && status.notice ? <p role="status">{status.notice}</p> : null}
      </div>
      {status.kind === 'error' ? (
        <p role="alert" className="error">
          Could not read the files: {status.message}
        </p>
      ) : null}
      {status.kind === 'done' ? (
        <>
          {status.ignored.length > 0 ? (
            <p className="capture-hint">
              Left out of the folder (not named u_ex*.log, httperr*.log or *.har, and not starting with the
              header IIS writes): {status.ignored.slice(0, 10).join(', ')}
              {status.ignored.length > 10 ? ` and ${status.ignored.length - 10} more` : ''}. A log is read
              whatever its name when you choose or drop the file itself.
            </p>
          ) : null}
          <CaptureAnalysisResults analysis={status.analysis} />
          <button type="button" onClick={clear}>
            Clear
          </button>
        </>
      ) : null}
    </section>
  );
}
