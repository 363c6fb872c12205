/**
 * What the store needs from the browser to hand a report over: save a file (Blob + <a
 * download>; no path ever crosses the API), put text on the clipboard, open the print
 * dialog. An interface, so the store's logic is tested with a recording double.
 */
export interface ReportEffects {
  download(fileName: string, mimeType: string, content: string | Uint8Array): void;
  copyText(text: string): Promise<void>;
  print(): void;
  /** The time a report is made (ISO 8601). */
  now(): string;
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
  print() {
    window.print();
  },
  now() {
    return new Date().toISOString();
  },
};
