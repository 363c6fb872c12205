/**
 * Token inspector: paste an `Authorization` / `WWW-Authenticate` header or a bare token and
 * read what it says — the plain-words verdict first, then the key facts, then every field
 * (reference §8). Decoding happens here, in the renderer; the token never leaves this view
 * (no network, no engine call, spell-check and autocomplete off so no service sees it).
 */
import { useState } from 'react';
import { useStore } from 'zustand';
import type { TokenField } from '../../../../shared/tokens/token-field.js';
import { createTokenInspectorStore } from './token-inspector-store.js';
import type { TokenInspection } from './token-inspector-store.js';
import { tokenKeyFacts } from './token-key-facts.js';
import './token-inspector.css';

function FieldTree({ fields, depth }: { readonly fields: readonly TokenField[]; readonly depth: number }) {
  return (
    <ul className="token-inspector-fields">
      {fields.map((node, index) => (
        <li key={`${index}-${node.label}`}>
          {node.children.length > 0 ? (
            <details open={depth < 2}>
              <summary>
                <span className="token-inspector-label">{node.label}</span>
                {node.value !== '' ? <span className="token-inspector-value">{node.value}</span> : null}
              </summary>
              <FieldTree fields={node.children} depth={depth + 1} />
            </details>
          ) : (
            <>
              <span className="token-inspector-label">{node.label}</span>
              <span className="token-inspector-value">{node.value}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The decode result; exported so it can be rendered and tested without the input. */
export function TokenInspection({ inspection }: { readonly inspection: TokenInspection }) {
  switch (inspection.status) {
    case 'empty':
      return <p className="token-inspector-hint">Nothing decoded yet.</p>;
    case 'error':
      return (
        <p className="token-inspector-error" role="alert">
          Cannot decode this: {inspection.message}
        </p>
      );
    case 'decoded': {
      const { token } = inspection;
      return (
        <>
          <p
            className={`token-inspector-verdict${token.ntlmInsideNegotiate || (token.kerberos?.errorCode ?? null) !== null ? ' token-inspector-verdict-problem' : ''}`}
          >
            {token.verdict}
          </p>
          <h3 className="token-inspector-heading">Key facts</h3>
          <dl className="token-inspector-facts">
            {tokenKeyFacts(token).map((fact) => (
              <div key={fact.label} className="token-inspector-fact">
                <dt>{fact.label}</dt>
                <dd>{fact.value}</dd>
              </div>
            ))}
          </dl>
          {token.notes.length > 0 ? (
            <>
              <h3 className="token-inspector-heading">Worth a second look</h3>
              <ul className="token-inspector-notes">
                {token.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            </>
          ) : null}
          <h3 className="token-inspector-heading">All fields</h3>
          <FieldTree fields={token.fields} depth={0} />
        </>
      );
    }
  }
}

export function TokenInspector() {
  const [store] = useState(createTokenInspectorStore);
  const input = useStore(store, (state) => state.input);
  const inspection = useStore(store, (state) => state.inspection);
  const { paste, clear } = store.getState();
  return (
    <section className="token-inspector" aria-labelledby="token-inspector-title">
      <h2 id="token-inspector-title">Token inspector</h2>
      <p className="token-inspector-privacy">
        Decoded on this computer only: the token is not sent anywhere and is not saved. Treat tokens as
        secrets all the same.
      </p>
      <label className="token-inspector-input-label" htmlFor="token-inspector-input">
        Header or token
      </label>
      <p id="token-inspector-input-help" className="token-inspector-hint">
        For example <code>Authorization: Negotiate YII…</code>, <code>WWW-Authenticate: Negotiate oYG…</code>,{' '}
        <code>NTLM TlRMTVNT…</code> or bare base64.
      </p>
      <textarea
        id="token-inspector-input"
        className="token-inspector-input"
        aria-describedby="token-inspector-input-help"
        rows={6}
        value={input}
        onChange={(event) => paste(event.target.value)}
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        data-gramm="false"
      />
      <div className="token-inspector-actions">
        <button type="button" onClick={clear} disabled={input === ''}>
          Clear
        </button>
      </div>
      <div className="token-inspector-result" aria-live="polite">
        <TokenInspection inspection={inspection} />
      </div>
    </section>
  );
}
