/**
 * The evidence behind a finding: the plain summary first, the raw output on demand. The expert
 * view also names the check and the evidence by id, shows the facts the rules read, and opens
 * the raw output at once.
 */
import type { WireEvidence } from '../../../shared/model/evidence.js';
import { PlainText } from './plain-text.js';

const statusWords: Readonly<Record<WireEvidence['status'], string>> = {
  ok: 'fine',
  problem: 'problem',
  info: 'for information',
  unavailable: 'could not be read',
};

export function EvidenceList({
  evidence,
  expert,
}: {
  readonly evidence: readonly WireEvidence[];
  readonly expert: boolean;
}) {
  return (
    <ul className="evidence-list">
      {evidence.map((item) => (
        <li key={item.id} data-evidence={item.id}>
          <p>
            <PlainText text={item.summary} />
            {expert ? (
              <span className="hint">
                {' '}
                ({statusWords[item.status]}; check <code>{item.probe}</code>, evidence <code>{item.id}</code>,
                kind <code>{item.kind}</code>)
              </span>
            ) : null}
          </p>
          {expert && item.facts !== undefined && item.facts !== null ? (
            <details>
              <summary>Facts the rules read</summary>
              <pre tabIndex={0}>{JSON.stringify(item.facts, null, 2)}</pre>
            </details>
          ) : null}
          {item.raw.length > 0 ? (
            <details open={expert}>
              <summary>What Windows said</summary>
              {item.raw.map((raw, index) => (
                <figure key={`${raw.label}-${index}`} className="raw">
                  <figcaption>
                    <code>{raw.label}</code>
                  </figcaption>
                  <pre tabIndex={0}>{raw.text}</pre>
                </figure>
              ))}
            </details>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
