/**
 * Token inspector from the app's navigation, in Chromium through the web harness: real tokens
 * from ../shared/data/tokens (see its PROVENANCE.md) are pasted and decoded in the window, and
 * no request the page makes — URL, headers or body — carries any part of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Request } from '@playwright/test';
import { repositoryRoot, startWebApp, type RunningWebApp } from '../fixtures/web-harness.js';

function tokensOf(file: string): string[] {
  return readFileSync(join(repositoryRoot, '../shared/data/tokens', file), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

// lab-mit-curl.txt line 1: SPNEGO + AP-REQ, realm CONTOSO.TEST, SPN HTTP/web01.contoso.test, etype 18, kvno 2.
const [labKerberos = ''] = tokensOf('lab-mit-curl.txt');
// chnking section 3.1.5: IE6 sent a raw NTLM type 3 under the Negotiate scheme (192.168.1.13\administrator from WIN2003-PC).
const ieNtlmUnderNegotiate =
  tokensOf('chnking-iis6-ie6-negotiate-2007.txt').find((token) =>
    token.startsWith('TlRMTVNTUAADAAAAGAAYAI4AAAAYABgApgAAABgAGABI'),
  ) ?? '';

let app: RunningWebApp;
test.afterEach(async () => {
  await app?.stop();
});

/** Everything a request shows the outside: its URL, headers and body. */
function requestText(request: Request): string {
  return `${request.url()}\n${JSON.stringify(request.headers())}\n${request.postData() ?? ''}`;
}

test('a pasted Kerberos token and an NTLM fallback are decoded in the window and sent nowhere', async ({
  page,
}) => {
  expect(labKerberos.length).toBeGreaterThan(500);
  expect(ieNtlmUnderNegotiate).not.toBe('');
  app = await startWebApp();
  const requests: Request[] = [];
  page.on('request', (request) => requests.push(request));
  await page.goto(app.url);

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'Token inspector' })
    .click();
  await expect(page.getByRole('heading', { level: 2, name: 'Token inspector' })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Token inspector' }),
  ).toHaveAttribute('aria-current', 'page');
  const requestsBeforePaste = requests.length;

  const input = page.getByLabel('Header or token');
  await input.fill(`Authorization: Negotiate ${labKerberos}`);
  await expect(page.locator('.token-inspector-verdict')).toHaveText(
    'Kerberos ticket for HTTP/web01.contoso.test in CONTOSO.TEST',
  );
  const facts = page.locator('.token-inspector-facts');
  await expect(facts.locator('.token-inspector-fact', { hasText: 'SPN asked for' }).locator('dd')).toHaveText(
    'HTTP/web01.contoso.test',
  );
  await expect(facts.locator('.token-inspector-fact', { hasText: 'Realm' }).locator('dd')).toHaveText(
    'CONTOSO.TEST',
  );
  await expect(
    facts.locator('.token-inspector-fact', { hasText: 'Key version (kvno)' }).locator('dd'),
  ).toHaveText('2');

  await input.fill(`Authorization: Negotiate ${ieNtlmUnderNegotiate}`);
  const verdict = page.locator('.token-inspector-verdict');
  await expect(verdict).toHaveText(
    /^NTLM fallback inside Negotiate: no Kerberos ticket was obtained \(NTLMv1 .* as 192\.168\.1\.13\\administrator from WIN2003-PC\)$/,
  );
  await expect(verdict).toHaveClass(/token-inspector-verdict-problem/);
  await expect(facts.locator('.token-inspector-fact', { hasText: 'User' }).locator('dd')).toHaveText(
    'administrator',
  );

  await input.fill('Negotiate not base64 at all!');
  await expect(page.getByRole('alert')).toContainText('Cannot decode this');

  // Decoding needed no request at all; and none, before or after, holds any piece of a token.
  expect(requests.slice(requestsBeforePaste).map((request) => request.url())).toEqual([]);
  for (const token of [labKerberos, ieNtlmUnderNegotiate]) {
    const pieces = Array.from({ length: Math.floor(token.length / 24) }, (_, index) =>
      token.slice(index * 24, index * 24 + 24),
    );
    for (const request of requests)
      for (const piece of pieces) expect(requestText(request)).not.toContain(piece);
  }
  // Nor is it kept in the page's storage.
  const stored = await page.evaluate(
    () => JSON.stringify({ ...window.localStorage }) + JSON.stringify({ ...window.sessionStorage }),
  );
  expect(stored).not.toContain(labKerberos.slice(0, 40));
});
