import { describe, expect, it } from 'vitest';
import { isRegistrableDomain, registrableDomain } from './registrable-domain.js';

describe('registrableDomain (urlmon heuristic, no public suffix list)', () => {
  it.each([
    ['www.google.com', 'google.com'],
    ['intranet.contoso.com', 'contoso.com'],
    ['a.b.c.contoso.local', 'contoso.local'],
    ['contoso.com', 'contoso.com'],
    ['WWW.Contoso.COM.', 'contoso.com'],
    ['www.contoso.co.uk', 'contoso.co.uk'],
    ['www.google.com.uk', 'google.com.uk'],
    ['www.google.foo.uk', 'foo.uk'],
    ['www.google.fo.uk', 'google.fo.uk'],
    ['www.google.test.us', 'test.us'],
    ['www.winehq.org.uk.test', 'uk.test'],
    ['shop.contoso.com.au', 'contoso.com.au'],
  ])('%s -> %s', (host, expected) => {
    expect(registrableDomain(host)).toBe(expected);
  });

  it.each(['web01', 'co.uk', 'com.au', 'ak.uk', 'org', 'a.b', '', '..', 'a..com'])(
    '%s has no registrable domain',
    (host) => {
      expect(registrableDomain(host)).toBeNull();
    },
  );

  it('documents the known limit: multi-label public suffixes outside the short-label shape are not recognised', () => {
    expect(registrableDomain('trust.contoso.nhs.uk')).toBe('nhs.uk');
    expect(registrableDomain('hp.com')).toBeNull();
  });

  it('isRegistrableDomain is true only for the domain itself', () => {
    expect(isRegistrableDomain('google.com')).toBe(true);
    expect(isRegistrableDomain('www.google.com')).toBe(false);
    expect(isRegistrableDomain('org')).toBe(false);
    expect(isRegistrableDomain('*.gc.gov')).toBe(false);
  });
});
