/**
 * Renamed server logs in a folder import. Logs copied off several servers are usually renamed
 * (`web01-u_ex240322.log`, `httperr-web02.txt`), so a folder import does not stop at the names
 * IIS and HTTP.sys write: a `.log` or `.txt` file whose first line is the `#Software:` directive
 * they write first is read too. The directive, from iwa-reference.md §5.3: IIS writes
 * `#Software: Microsoft Internet Information Services 10.0`, HTTP.sys
 * `#Software: Microsoft HTTP API 1.0` (2.0 on later Windows). An excerpt without that header
 * (lines cut out of a log) cannot be told from any other text file by its start, so it is still
 * read only when named or picked on its own.
 */

/** How many bytes of a file's start `startsLikeServerLog` needs. */
export const serverLogSignatureBytes = 64;

/** Files a folder import looks inside when their name is not one IIS or HTTP.sys writes. */
export function mayBeRenamedServerLog(name: string): boolean {
  return /\.(log|txt)$/i.test(name);
}

/** Whether `start` (a file's first bytes as text) is the first line IIS or HTTP.sys writes. */
export function startsLikeServerLog(start: string): boolean {
  // A byte-order mark is allowed: IIS writes UTF-8 (§5.3), and a log saved again by an editor may gain one.
  return /^\uFEFF?#Software: Microsoft (Internet Information Services|HTTP API) /.test(start);
}
