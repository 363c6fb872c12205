/** Findings are ranked surest first, then fixable-now first, and otherwise keep the engine's order. */
import { describe, expect, it } from 'vitest';
import type { Confidence, Finding } from '../../../shared/model/finding.js';
import { rankFindings } from './finding-order.js';

function finding(
  cause: Finding['cause'],
  confidence: Confidence,
  fix?: { available: boolean; scope: 'user' | 'domain' | 'none' },
): Finding {
  return {
    cause,
    confidence,
    title: cause,
    explanation: '',
    evidence: [],
    remedies: fix
      ? [
          {
            offerId: `offer-${cause}`,
            remedy: 'zone.add-to-intranet',
            title: 'Fix',
            scope: fix.scope,
            params: {},
            available: fix.available,
          },
        ]
      : [],
  };
}

describe('rankFindings', () => {
  it('puts proven causes before likely and possible ones', () => {
    const ranked = rankFindings([
      finding('spn-missing', 'possible'),
      finding('clock-skew', 'likely'),
      finding('zone-not-intranet', 'confirmed'),
    ]);
    expect(ranked.map((item) => item.cause)).toEqual(['zone-not-intranet', 'clock-skew', 'spn-missing']);
  });

  it('among equally sure causes, puts one with a fix on offer first, and keeps the engine order otherwise', () => {
    const ranked = rankFindings([
      finding('kdc-unreachable', 'confirmed', { available: true, scope: 'none' }),
      finding('spn-missing', 'confirmed', { available: false, scope: 'domain' }),
      finding('proxy-in-path', 'confirmed', { available: true, scope: 'user' }),
      finding('clock-skew', 'confirmed'),
    ]);
    expect(ranked.map((item) => item.cause)).toEqual([
      'proxy-in-path',
      'kdc-unreachable',
      'spn-missing',
      'clock-skew',
    ]);
  });

  it('does not reorder the array it was given', () => {
    const original = [finding('spn-missing', 'possible'), finding('zone-not-intranet', 'confirmed')];
    rankFindings(original);
    expect(original.map((item) => item.cause)).toEqual(['spn-missing', 'zone-not-intranet']);
  });
});
