/** The evidence behind a finding: the plain summary first, the raw output on demand. */
import type { WireEvidence } from '../../../shared/model/evidence.js';

export function EvidenceList({ evidence }: { readonly evidence: readonly WireEvidence[] }) {
  return (
    <ul className="evidence-list">
      {evidence.map((item) => (
        <li key={item.id}>
          <p>{item.summary}</p>
          {item.raw.length > 0 ? (
            <details>
              <summary>What Windows said</summary>
              {item.raw.map((raw) => (
                <figure key={raw.label} className="raw">
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
