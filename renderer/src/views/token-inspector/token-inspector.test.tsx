/**
 * Token inspector: the store decodes locally (empty / decoded / error), the key facts answer
 * the first question, and the view renders verdict first, then facts, then the field tree,
 * with a labelled textarea that has spell-check and autocomplete off.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TokenInspection, TokenInspector } from './token-inspector.js';
import { createTokenInspectorStore, inspectToken } from './token-inspector-store.js';
import { tokenKeyFacts } from './token-key-facts.js';

// The renderer may not read files (lint: no node built-ins), so the lab tokens of
// ../shared/data/tokens/lab-mit-curl.txt (MIT KDC CONTOSO.TEST + curl, PROVENANCE.md) are inlined.
const labKerberos = [
  'YIIDAQYGKwYBBQUCoIIC9TCCAvGgDTALBgkqhkiG9xIBAgKiggLeBIIC2mCCAtYGCSqGSIb3EgECAgEAboICxTCCAsGgAwIBBaED',
  'AgEOogcDBQAgAAAAo4IB2GGCAdQwggHQoAMCAQWhDhsMQ09OVE9TTy5URVNUoiUwI6ADAgEDoRwwGhsESFRUUBsSd2ViMDEuY29u',
  'dG9zby50ZXN0o4IBkDCCAYygAwIBEqEDAgECooIBfgSCAXpoZhXhuxyaCom8EGuFCH8g/ts9itd/D1hm8A1hDHZKQjit0/uT5Nqh',
  'jTQuQjaVYVAcoaUX/2w3YhTMqstbinfJ/GaLT85XXHhbFJKAvndQk6Fxm5vEZD/Q+uA9z2Aorp+rYiX3CwAUOBE2ctMNWXsg9VvM',
  'mm4BWNFBPR5GH83AlnD8p4eqxqvEFQw1GHwmvzJCbCHolMcgFcqI/jSrH4R0HNtvMsQ+mViPWB3sV7/Uy7zNP8BTH1dhNBW67UCd',
  '4XcCIBIlBfhvG/rV5aQW8r0yixslyxKYIrzQJ/Ork7D32jhgnwzBq3XgYzpLFI6xcSUbjLPfhbutqvMAKXXCw+9GQczC0zdS0P1V',
  'CO+RlzTsSNArl/M+CmCRUuE2NhcebEWKn7oregrnPm5RTg2gtOlqMXkMpc2l69nos5KyAJRP5SCLY5jyUYZgcfIrqv6/vPY8WQR4',
  '0EmZu5ZGvwmH/J7e+C93t+sAGOo+sKVcuq2hK+O8dy/DKUkXFu2kgc8wgcygAwIBEqKBxASBwULNRztpQMg+yBy+A4T4ZDdJhqLd',
  'WMfB7aKeBXqRetI2BtJ/6tj+pZ0YMRa4Pax0ZmuPVDwA95wdfsc5LqSVu/MMXeU2p42NyAmbql9syMfkHqDF3Ox61UBFbZPdU8Qv',
  'Qx1SI9fC5xJkiUh2HChcUFzPrSCokQJWcjz4hVAjD8wTRnbQeFH2dk4ZZ4CJqm+AeMfRFOYJtJsnxw+2vH2e39OVF5PCCMjTCvet',
  'lAd3I9kksUWpKATaldPT9ujD5Lvhpxo=',
].join('');
const labNtlm = 'TlRMTVNTUAABAAAABoIIAAAAAAAAAAAAAAAAAAAAAAA=';

describe('token inspector store', () => {
  it('goes empty → decoded → error → empty through its actions', () => {
    const store = createTokenInspectorStore();
    expect(store.getState().inspection.status).toBe('empty');
    store.getState().paste(`Authorization: Negotiate ${labKerberos}`);
    const decoded = store.getState().inspection;
    expect(decoded.status === 'decoded' && decoded.token.kerberos?.spn).toBe('HTTP/web01.contoso.test');
    store.getState().paste('not base64');
    expect(store.getState().inspection).toMatchObject({ status: 'error', code: 'not-base64' });
    store.getState().clear();
    expect(store.getState()).toMatchObject({ input: '', inspection: { status: 'empty' } });
  });
});

describe('key facts', () => {
  it('answers realm, SPN and mutual auth for a Kerberos ticket', () => {
    const inspection = inspectToken(`Negotiate ${labKerberos}`);
    if (inspection.status !== 'decoded') throw new Error('expected a decode');
    expect(tokenKeyFacts(inspection.token)).toEqual(
      expect.arrayContaining([
        { label: 'Realm', value: 'CONTOSO.TEST' },
        { label: 'SPN asked for', value: 'HTTP/web01.contoso.test' },
        { label: 'Name type', value: 'NT-SRV-HST (3)' },
        { label: 'Key version (kvno)', value: '2' },
        { label: 'Mutual authentication requested', value: 'yes' },
        { label: 'Mechanisms offered, in order', value: 'Kerberos V5' },
      ]),
    );
  });
});

describe('token inspector view', () => {
  it('renders a labelled textarea that no spell-checker or autofill sees', () => {
    const html = renderToStaticMarkup(<TokenInspector />);
    expect(html).toMatch(/<label[^>]*for="token-inspector-input"[^>]*>Header or token<\/label>/);
    expect(html).toMatch(
      /<textarea[^>]*id="token-inspector-input"[^>]*spellCheck="false"[^>]*autoComplete="off"/,
    );
    expect(html).toContain('aria-labelledby="token-inspector-title"');
  });

  it('shows the verdict first, then the key facts, then the field tree', () => {
    const html = renderToStaticMarkup(<TokenInspection inspection={inspectToken(`Negotiate ${labNtlm}`)} />);
    const verdictAt = html.indexOf('NTLM fallback inside Negotiate: no Kerberos ticket was obtained');
    const factsAt = html.indexOf('<dl class="token-inspector-facts"');
    const treeAt = html.indexOf('<ul class="token-inspector-fields"');
    expect(verdictAt).toBeGreaterThan(-1);
    expect(verdictAt).toBeLessThan(factsAt);
    expect(factsAt).toBeLessThan(treeAt);
    expect(html).toContain('token-inspector-verdict-problem');
    expect(html).toContain(
      '<details open=""><summary><span class="token-inspector-label">HTTP</span></summary>',
    );
    expect(html).not.toContain(labNtlm.slice(0, 30));
  });

  it('shows a decode error as an alert', () => {
    const html = renderToStaticMarkup(
      <TokenInspection inspection={inspectToken('Authorization: Basic dXNlcjpwYXNz')} />,
    );
    expect(html).toMatch(
      /role="alert"[^>]*>Cannot decode this: Basic is not an integrated Windows authentication scheme/,
    );
  });
});
