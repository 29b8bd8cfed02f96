import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../../server/http/authenticate.ts';
import { readConfig } from '../../../server/config.ts';

describe('client address', () => {
  it('is the socket peer without TRUST_PROXY, whatever X-Forwarded-For says', () => {
    expect(clientAddress('198.51.100.5', '203.0.113.1', 0)).toBe('198.51.100.5');
    expect(clientAddress(undefined, '203.0.113.1', 0)).toBe('unknown');
  });

  it('is the right-most entry behind one proxy: the proxy appended it, the client wrote the rest', () => {
    expect(clientAddress('10.0.0.2', '6.6.6.6, 203.0.113.7', 1)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.2', ' 203.0.113.7 ', 1)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.2', '2001:db8::1', 1)).toBe('2001:db8::1');
  });

  it('skips one more entry per further trusted proxy', () => {
    // client → proxy A (appends client) → proxy B (appends A) → Yardstick
    expect(clientAddress('10.0.0.3', '6.6.6.6, 203.0.113.7, 10.0.0.2', 2)).toBe('203.0.113.7');
    // Fewer entries than proxies: the left-most one is the furthest we can trust.
    expect(clientAddress('10.0.0.3', '203.0.113.7', 2)).toBe('203.0.113.7');
  });

  it('falls back to the peer when the header is missing or empty, and bounds the length', () => {
    expect(clientAddress('10.0.0.2', undefined, 1)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', ' , ', 1)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', 'x'.repeat(5000), 1)).toHaveLength(100);
  });
});

describe('TRUST_PROXY setting', () => {
  it('defaults to 0 and accepts a small number of proxies', () => {
    expect(readConfig({}).trustProxy).toBe(0);
    expect(readConfig({ TRUST_PROXY: '' }).trustProxy).toBe(0);
    expect(readConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(readConfig({ TRUST_PROXY: ' 2 ' }).trustProxy).toBe(2);
  });

  it('refuses anything else with a sentence that says what it expects', () => {
    for (const value of ['yes', '-1', '1.5', '11']) expect(() => readConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY must be the number of reverse proxies/);
  });
});
