/**
 * What the store needs from the browser to hand a report over: save a file (Blob + <a
 * download>; no path ever crosses the API), put text on the clipboard, print the report.
 * An interface, so the store's logic is tested with a recording double.
 */
export interface ReportEffects {
  download(fileName: string, mimeType: string, content: string | Uint8Array): void;
  copyText(text: string): Promise<void>;
  /** Prints this report HTML (never the app page) with the browser's print window. */
  printHtml(html: string): void;
  /** The time a report is made (ISO 8601). */
  now(): string;
}

/** The class of the frame the report is printed from (hidden, see app.css). */
export const printFrameClass = 'report-print-frame';

/**
 * Prints the report from a hidden frame holding exactly the report HTML (srcdoc), so the print
 * window shows the report and not the app. The frame is sandboxed: no scripts, no forms, no
 * navigation. `allow-same-origin` lets this page call its print() (a script-less document
 * cannot misuse it); `allow-modals` lets Chromium open the print window for it. It inherits
 * the app's CSP, which allows the report's one stylesheet by its hash. The frame stays (hidden,
 * out of the accessibility tree) until the next print replaces it: print() may return before
 * the browser has read it.
 */
function printReportHtml(html: string): void {
  for (const old of document.querySelectorAll(`iframe.${printFrameClass}`)) old.remove();
  const frame = document.createElement('iframe');
  frame.className = printFrameClass;
  frame.title = 'IWA Doctor report for printing';
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.setAttribute('sandbox', 'allow-modals allow-same-origin');
  frame.addEventListener(
    'load',
    () => {
      const printed = frame.contentWindow;
      if (!printed) return;
      // Chromium announces the print on the printed document; the mark says which frame was sent.
      printed.addEventListener('beforeprint', () => frame.setAttribute('data-printed', 'true'), {
        once: true,
      });
      printed.print();
    },
    { once: true },
  );
  frame.srcdoc = html;
  document.body.append(frame);
}

export const browserReportEffects: ReportEffects = {
  download(fileName, mimeType, content) {
    const part: BlobPart = typeof content === 'string' ? content : new Uint8Array(content);
    const url = URL.createObjectURL(new Blob([part], { type: mimeType }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    // Revoke later: Chromium reads the Blob after click() returns.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  },
  async copyText(text) {
    await navigator.clipboard.writeText(text);
  },
  printHtml(html) {
    printReportHtml(html);
  },
  now() {
    return new Date().toISOString();
  },
};
