import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressScope, hostOf } from './address.ts';

describe('addressScope', () => {
  it('tells loopback, private (RFC 1918, 100.64.0.0/10, fc00::/7) and public hosts apart', () => {
    const cases: Record<string, string> = {
      localhost: 'loopback',
      '127.0.0.1': 'loopback',
      '[::1]': 'loopback',
      '10.0.0.5': 'private',
      '172.16.0.1': 'private',
      '172.31.255.255': 'private',
      '172.32.0.1': 'public',
      '192.168.1.1': 'private',
      '100.64.0.1': 'private',
      '100.128.0.1': 'public',
      'fd00::1': 'private',
      '[fc00::5]': 'private',
      '2001:db8::1': 'public',
      '0.0.0.0': 'public',
      '::': 'public',
      'example.com': 'public',
      'fdexample.com': 'public',
      '010.0.0.1': 'public',
      '10.0.0.256': 'public',
    };
    for (const [host, scope] of Object.entries(cases)) assert.equal(addressScope(host), scope, host);
  });
  it('reads the host of a URL, or undefined', () => {
    assert.equal(hostOf('https://10.0.0.5:2379'), '10.0.0.5');
    assert.equal(hostOf('not a url'), undefined);
  });
});
