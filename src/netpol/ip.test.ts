import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatIp, formatRange, ipAtoms, parseCidr, parseIp, parseRange, rangeToCidrs } from './ip.ts';

describe('addresses and CIDRs', () => {
  it('parses IPv4 and IPv6, including :: and embedded IPv4', () => {
    assert.equal(parseIp('169.254.169.254')?.value, 0xa9fea9fen);
    assert.equal(parseIp('fd00:ec2::254')?.value, (0xfd00n << 112n) | (0xec2n << 96n) | 0x254n);
    assert.equal(parseIp('::ffff:10.0.0.1')?.value, (0xffffn << 32n) | 0x0a000001n);
    assert.equal(parseIp('metadata.google.internal'), undefined);
  });

  it('prints IPv6 compressed at the longest run of zero groups', () => {
    const ip = parseIp('fd00:ec2:0:0:0:0:0:254');
    assert.ok(ip);
    assert.equal(formatIp(6, ip.value), 'fd00:ec2::254');
  });

  it('turns a CIDR into its range and rejects malformed ones', () => {
    const range = parseCidr('10.1.2.3/16');
    assert.ok(range);
    assert.equal(formatRange(range), '10.1.0.0/16');
    assert.equal(parseCidr('10.0.0.0/33'), undefined);
    assert.equal(parseCidr('10.0.0.0'), undefined);
    assert.equal(parseCidr('2001:db8::/129'), undefined);
  });

  it('splits each family at every boundary into disjoint atoms covering the whole space', () => {
    const cidr = parseCidr('10.0.0.0/8');
    const except = parseCidr('10.1.0.0/16');
    const v6 = parseCidr('fd00::/8');
    assert.ok(cidr && except && v6);
    const atoms = ipAtoms([cidr, except, v6]).map(formatRange);
    assert.deepEqual(atoms, [
      '0.0.0.0-9.255.255.255',
      '10.0.0.0/16',
      '10.1.0.0/16',
      '10.2.0.0-10.255.255.255',
      '11.0.0.0-255.255.255.255',
      '::-fcff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      'fd00::/8',
      'fe00::/7',
    ]);
  });

  it('covers a range with the fewest CIDRs', () => {
    const first = parseIp('10.0.0.1');
    const last = parseIp('10.0.0.6');
    assert.ok(first && last);
    assert.deepEqual(rangeToCidrs({ family: 4, first: first.value, last: last.value }), [
      '10.0.0.1/32',
      '10.0.0.2/31',
      '10.0.0.4/31',
      '10.0.0.6/32',
    ]);
  });

  it('reads back what formatRange prints, a CIDR or first-last, and refuses anything else', () => {
    for (const text of ['10.0.0.0/24', '10.0.0.0-10.0.1.127', '::/0', 'fd00::1-fd00::ff'])
      assert.equal(formatRange(parseRange(text) ?? { family: 4, first: 1n, last: 0n }), text);
    for (const text of ['deployment/shop/web', '10.0.0.9-10.0.0.1', '10.0.0.0-fd00::1', '10.0.0.0/33', 'a-b'])
      assert.equal(parseRange(text), undefined, text);
  });
});
