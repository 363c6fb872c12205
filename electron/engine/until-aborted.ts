/**
 * Waits for a probe's work, or for the person's "Stop checking", whichever comes first. Probes
 * only read, and every network request, Kerberos call and host command they make has its own time
 * limit; but a sign-in test on a slow network can take tens of seconds, and Stop must not wait
 * for it. The abandoned work finishes (or times out) on its own and its result is dropped.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      // Nobody waits for it any more: its failure must not surface as an unhandled rejection.
      work.catch(() => undefined);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
