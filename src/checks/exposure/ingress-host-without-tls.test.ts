import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tlsCovers } from './ingress-host-without-tls.ts';

// Ingress TLS hosts match like certificate names (RFC 6125 §6.4.3): a wildcard stands for one label.
describe('tlsCovers', () => {
  it('matches exact names case-insensitively', () => {
    assert.ok(tlsCovers('Shop.example.com', 'shop.example.com'));
  });
  it('matches a one-label wildcard', () => {
    assert.ok(tlsCovers('*.example.com', 'api.example.com'));
  });
  it('does not match two labels or the bare domain', () => {
    assert.ok(!tlsCovers('*.example.com', 'a.b.example.com'));
    assert.ok(!tlsCovers('*.example.com', 'example.com'));
  });
});
