/**
 * The sign-in sequence for a report, when the diagnosis has live sign-in evidence: the same
 * legs the handshake diagram draws (shared/live/live-exchange.ts). A report read back from a
 * file carries facts as untyped JSON, so a malformed leg costs only the diagram, never the report.
 */
import type { Evidence, WireEvidence } from '../model/evidence.js';
import { exchangeFromEvidence, type LiveExchange } from '../live/live-exchange.js';

export function reportHandshake(url: string, evidence: readonly WireEvidence[]): LiveExchange | null {
  if (!evidence.some((item) => item.kind.startsWith('live-'))) return null;
  try {
    // The engine's live probe produced these facts; the kind tag says their shape, and a
    // reader that meets a different shape throws, which the catch turns into "no diagram".
    const exchange = exchangeFromEvidence(url, evidence as unknown as readonly Evidence[]);
    return exchange.legs.length > 0 ? exchange : null;
  } catch {
    return null;
  }
}
