/**
 * A realistic IIS W3C log for the bench, from a seed: the IIS 8+ default fields (reference
 * §5.3, the layout GoAccess's `W3C` format expects), CRLF line ends, a new `#Fields` block
 * every day, thousands of clients with their own browser, an intranet mix of already
 * signed-in page views, static files, anonymous health checks and 404s, and the sign-in
 * sequences of §5.2: normal Kerberos and NTLM, three-prompt loops, logon denied, tokens
 * split across a farm, clock skew and channel-binding failures.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

const agents = [
  'Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/120.0.0.0+Safari/537.36+Edg/120.0.2210.91',
  'Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/119.0.0.0+Safari/537.36',
  'Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64;+rv:121.0)+Gecko/20100101+Firefox/121.0',
  'Mozilla/5.0+(Windows+NT+10.0;+WOW64;+Trident/7.0;+rv:11.0)+like+Gecko',
  'Mozilla/4.0+(compatible;+MSIE+7.0;+Windows+NT+10.0;+Win64;+x64;+Trident/7.0;+.NET4.0C;+.NET4.0E)',
  'Microsoft+Office/16.0+(Windows+NT+10.0;+Microsoft+Outlook+16.0.17126;+Pro)',
  'Microsoft-WebDAV-MiniRedir/10.0.19045',
  'Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/120.0.0.0+Safari/537.36+Teams/1.6.00.33567',
];

const pages = [
  '/',
  '/default.aspx',
  '/sites/hr/Pages/Default.aspx',
  '/sites/hr/Shared+Documents/Forms/AllItems.aspx',
  '/sites/finance/Pages/Budget.aspx',
  '/sites/it/Lists/Tickets/AllItems.aspx',
  '/_layouts/15/start.aspx',
  '/_layouts/15/viewlsts.aspx',
  '/_api/web/lists',
  '/_vti_bin/client.svc/ProcessQuery',
  '/timesheets/Entry.aspx',
  '/reports/ReportViewer.aspx',
  '/api/v1/orders',
  '/api/v1/customers/search',
  '/certsrv/',
];
const statics = [
  '/_layouts/15/init.js',
  '/_layouts/15/core.js',
  '/Style+Library/en-US/Themable/Core+Styles/controls.css',
  '/_layouts/15/images/spcommon.png',
  '/favicon.ico',
  '/scripts/jquery-3.7.1.min.js',
  '/content/site.css',
  '/images/logo.svg',
];
const queries = [
  '-',
  '-',
  '-',
  'id=42',
  'q=budget+2026&page=2',
  'Source=%2Fsites%2Fhr',
  'v=20261120',
  'ReportPath=%2FSales%2FQ4',
];

/** Mulberry32: small, fast, and the same numbers for the same seed on every machine. */
function random32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fields =
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken';

/** Writes about `targetBytes` of log to `path`; returns the bytes and lines written. */
export function writeW3cLog(
  path: string,
  targetBytes: number,
  seed = 20261120,
): { bytes: number; lines: number } {
  const random = random32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const clientCount = 4000;
  const clients = Array.from({ length: clientCount }, (_, index) => ({
    ip: `10.${20 + (index >> 16)}.${(index >> 8) & 255}.${index & 255}`,
    agent: agents[index % agents.length]!,
    user: `CONTOSO\\user${String(index).padStart(4, '0')}`,
  }));
  const serverIp = '10.1.0.10';
  let epochMs = Date.UTC(2026, 10, 20, 0, 0, 0);
  let day = -1;
  let stamp = '';
  let stampSecond = -1;
  const parts: string[] = [];
  let pending = 0;
  let bytes = 0;
  let lines = 0;
  const descriptor = openSync(path, 'w');

  function flush(): void {
    const text = parts.join('');
    parts.length = 0;
    pending = 0;
    const buffer = Buffer.from(text, 'latin1');
    writeSync(descriptor, buffer);
    bytes += buffer.length;
  }

  function line(
    client: (typeof clients)[number],
    url: string,
    query: string,
    port: number,
    user: string,
    status: string,
    referer = '-',
  ): void {
    epochMs += Math.floor(random() * 9);
    const second = Math.floor(epochMs / 1000);
    if (second !== stampSecond) {
      stampSecond = second;
      const date = new Date(second * 1000);
      const today = Math.floor(second / 86_400);
      if (today !== day) {
        day = today;
        const header = `#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: ${date.toISOString().slice(0, 10)} 00:00:00\r\n${fields}\r\n`;
        parts.push(header);
        pending += header.length;
      }
      stamp = `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 19)}`;
    }
    const text = `${stamp} ${serverIp} GET ${url} ${query} ${port} ${user} ${client.ip} ${client.agent} ${referer} ${status} ${Math.floor(random() * 400)}\r\n`;
    parts.push(text);
    pending += text.length;
    lines++;
  }

  try {
    while (bytes + pending < targetBytes) {
      const client = pick(clients);
      const roll = random();
      const page = pick(pages);
      const query = pick(queries);
      if (roll < 0.55) {
        // Already signed in on a kept-alive connection: no 401 (Kerberos persistent auth).
        line(
          client,
          page,
          query,
          443,
          client.user,
          random() < 0.85 ? '200 0 0' : '304 0 0',
          'https://intranet.contoso.com/',
        );
      } else if (roll < 0.8) {
        line(
          client,
          pick(statics),
          'v=3',
          443,
          random() < 0.5 ? client.user : '-',
          random() < 0.7 ? '304 0 0' : '200 0 0',
          'https://intranet.contoso.com/',
        );
      } else if (roll < 0.86) {
        line(client, page, query, 443, '-', '401 2 5');
        line(client, page, query, 443, client.user, '200 0 0');
      } else if (roll < 0.9) {
        line(client, page, query, 443, '-', '401 2 5');
        line(client, page, query, 443, '-', '401 1 2148074254');
        line(client, page, query, 443, client.user, '200 0 0');
      } else if (roll < 0.94) {
        line(client, '/healthcheck.htm', '-', 80, '-', '200 0 0');
      } else if (roll < 0.97) {
        line(client, `/missing/${Math.floor(random() * 5000)}.aspx`, '-', 443, client.user, '404 0 2');
      } else if (roll < 0.975) {
        for (let round = 0; round < 3; round++) {
          line(client, page, query, 443, '-', '401 2 5');
          line(client, page, query, 443, '-', '401 1 2148074254');
        }
      } else if (roll < 0.98) {
        line(client, page, query, 443, '-', '401 2 5');
        line(client, page, query, 443, '-', '401 1 2148074252');
      } else if (roll < 0.985) {
        line(client, page, query, 443, '-', '401 2 5');
        line(client, page, query, 443, '-', '401 1 2148074254');
        line(client, page, query, 443, '-', '401 1 2148074248');
      } else if (roll < 0.988) {
        line(client, page, query, 443, '-', '401 2 5');
        line(client, page, query, 443, '-', '401 1 2148074276');
      } else if (roll < 0.991) {
        line(client, page, query, 443, '-', '401 2 5');
        line(client, page, query, 443, '-', '401 1 2148074310');
      } else {
        line(client, page, query, 443, '-', '401 2 5');
      }
      if (pending > 4 * 1024 * 1024) flush();
    }
    flush();
  } finally {
    closeSync(descriptor);
  }
  return { bytes, lines };
}
