/**
 * The wire form of a live sign-in test result (`iwa-doctor diagnose <url> --live --json`, the
 * "Test sign-in" API channel): zod schemas so both ends of the API validate it, and the plain
 * text the CLI prints without --json.
 */
import { z } from 'zod';
import { evidenceSchema } from '../model/evidence.js';
import { findingSchema, ruledOutSchema } from '../model/finding.js';

export const tokenSummarySchema = z.object({
  scheme: z.string(),
  base64Chars: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  kind: z.enum([
    'spnego-init',
    'spnego-response',
    'kerberos-ap-req',
    'kerberos-ap-rep',
    'kerberos-error',
    'ntlm-negotiate',
    'ntlm-challenge',
    'ntlm-authenticate',
    'unknown',
  ]),
  description: z.string(),
  mechanism: z.enum(['kerberos', 'ntlm', 'unknown']),
  spn: z.string().nullable(),
  realm: z.string().nullable(),
  etype: z.string().nullable(),
  kvno: z.number().int().nullable(),
  negState: z.string().nullable(),
  kerberosError: z.object({ code: z.number().int(), name: z.string() }).nullable(),
  decodeError: z.string().nullable(),
});

const partySchema = z.enum(['client', 'server', 'kdc']);

export const exchangeLegSchema = z.object({
  step: z.number().int().positive(),
  from: partySchema,
  to: partySchema,
  label: z.string(),
  status: z.enum(['ok', 'problem', 'info']),
  httpStatus: z.number().int().nullable(),
  token: tokenSummarySchema.nullable(),
  detail: z.string().nullable(),
});

export const liveExchangeSchema = z.object({
  url: z.string(),
  participants: z.array(z.object({ id: partySchema, label: z.string() })),
  spn: z.string().nullable(),
  legs: z.array(exchangeLegSchema),
  verdict: z.enum(['signed-in', 'refused', 'kerberos-not-attempted', 'anonymous', 'network-error']),
  summary: z.string(),
});

export const liveTestResultSchema = z.object({
  url: z.string(),
  exchange: liveExchangeSchema,
  evidence: z.array(evidenceSchema),
  findings: z.array(findingSchema),
  ruledOut: z.array(ruledOutSchema),
  elapsedMs: z.number().nonnegative(),
});
export type WireLiveTestResult = z.infer<typeof liveTestResultSchema>;

const arrows: Record<z.infer<typeof partySchema>, string> = {
  client: 'client',
  server: 'server',
  kdc: 'KDC',
};

/** What `diagnose --live` prints without --json: the exchange step by step, then the findings. */
export function renderLiveTestText(result: WireLiveTestResult): string {
  const lines = [`Live sign-in test of ${result.url}`, result.exchange.summary];
  if (result.exchange.spn) lines.push(`SPN a browser asks for: ${result.exchange.spn}`);
  lines.push('');
  for (const leg of result.exchange.legs) {
    const mark = leg.status === 'ok' ? '✓' : leg.status === 'problem' ? '✗' : ' ';
    lines.push(
      `${String(leg.step).padStart(2)}. ${mark} ${arrows[leg.from]} -> ${arrows[leg.to]}: ${leg.label}`,
    );
    if (leg.detail) lines.push(`        ${leg.detail}`);
  }
  lines.push('');
  if (result.findings.length === 0) lines.push('No cause found.');
  for (const finding of result.findings)
    lines.push(`* ${finding.cause} (${finding.confidence}): ${finding.title}`, `  ${finding.explanation}`);
  for (const ruled of result.ruledOut) lines.push(`  ok: ${ruled.summary}`);
  return `${lines.join('\n')}\n`;
}
