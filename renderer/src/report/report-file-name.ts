/** A file name for a saved report: the site's host and the time, in characters every file system accepts. */
export function reportFileName(url: string, createdAt: string, extension: 'html' | 'json' | 'pdf'): string {
  let host = 'site';
  try {
    host = new URL(url).hostname;
  } catch {
    // A report read back from a file may carry any text; the fallback name is enough.
  }
  const safeHost =
    host
      .toLowerCase()
      .replace(/[^a-z0-9.-]/g, '-')
      .slice(0, 64) || 'site';
  const stamp = createdAt.replace(/[^0-9T]/g, '').slice(0, 15);
  return `iwa-doctor-report-${safeHost}-${stamp}.${extension}`;
}
