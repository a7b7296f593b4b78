import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ALL_PORTS,
  formatPorts,
  parsePorts,
  hasPort,
  intersectPorts,
  isEmptyPorts,
  NO_PORTS,
  portRange,
  subtractPorts,
  unionPorts,
} from './ports.ts';
import type { PortSet, Protocol } from './ports.ts';
import { seededRandom } from '../testing/random-yaml.ts';
import type { Random } from '../testing/random-yaml.ts';

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** A set drawn from a few shapes: none, all, whole protocols, small ranges near each other. */
function randomPorts(random: Random): PortSet {
  const shape = random.below(6);
  if (shape === 0) return NO_PORTS;
  if (shape === 1) return ALL_PORTS;
  const parts: PortSet[] = [];
  for (let i = random.below(4); i >= 0; i--) {
    const protocol = random.pick(PROTOCOLS);
    const first = shape === 2 ? 1 : 1 + random.below(20);
    const last = shape === 2 ? 65535 : first + random.below(6);
    parts.push(portRange(protocol, first, last));
  }
  return unionPorts(parts);
}

/** Whether each protocol's ports 1..30 and 65535 are in the set: a reference to compare with. */
const membership = (set: PortSet): string =>
  PROTOCOLS.map((protocol) =>
    [...Array.from({ length: 30 }, (_, i) => i + 1), 65535]
      .map((port) => (hasPort(set, protocol, port) ? '1' : '0'))
      .join(''),
  ).join(' ');

describe('port sets', () => {
  it('merges overlapping and adjacent ranges in a union', () => {
    const set = unionPorts([
      portRange('TCP', 80, 81),
      portRange('TCP', 82, 90),
      portRange('TCP', 443, 443),
      portRange('UDP', 53, 53),
    ]);
    assert.equal(formatPorts(set), 'TCP:80-90,443 UDP:53');
    assert.equal(unionPorts([]), NO_PORTS);
  });

  it('intersects per protocol (an SCTP allow never admits TCP, e2e "SCTP-only allow")', () => {
    const sctp = portRange('SCTP', 81, 81);
    assert.ok(isEmptyPorts(intersectPorts(sctp, portRange('TCP', 1, 65535))));
    assert.equal(formatPorts(intersectPorts(sctp, ALL_PORTS)), 'SCTP:81');
  });

  it('unites, intersects and subtracts as the sets of ports do, reusing NO_PORTS and ALL_PORTS', () => {
    const random = seededRandom(3);
    for (let i = 0; i < 2000; i++) {
      const a = randomPorts(random);
      const b = randomPorts(random);
      const c = randomPorts(random);
      const bits = (set: PortSet): string[] => membership(set).split('');
      const [x, y, z] = [bits(a), bits(b), bits(c)];
      const expect = (f: (p: string, q: string, r: string) => boolean): string =>
        x.map((p, k) => (p === ' ' ? ' ' : f(p, y[k] ?? '', z[k] ?? '') ? '1' : '0')).join('');
      const cases: [PortSet, string][] = [
        [unionPorts([a, b, c]), expect((p, q, r) => p === '1' || q === '1' || r === '1')],
        [intersectPorts(a, b), expect((p, q) => p === '1' && q === '1')],
        [subtractPorts(a, b), expect((p, q) => p === '1' && q !== '1')],
      ];
      for (const [set, expected] of cases) {
        assert.equal(membership(set), expected, `${formatPorts(a)} / ${formatPorts(b)} / ${formatPorts(c)}`);
        assert.equal(parsePorts(formatPorts(set)) && formatPorts(set), formatPorts(set));
        if (isEmptyPorts(set)) assert.equal(set, NO_PORTS);
        if (formatPorts(set) === 'all') assert.equal(set, ALL_PORTS);
      }
    }
  });

  it('formats every port as all, one whole protocol as *, nothing as none', () => {
    assert.equal(formatPorts(ALL_PORTS), 'all');
    assert.equal(formatPorts(portRange('UDP', 1, 65535)), 'UDP:*');
    assert.equal(formatPorts(NO_PORTS), 'none');
  });

  it('tests membership inclusively at both ends (endPort is inclusive, types.go)', () => {
    const range = portRange('TCP', 32000, 32768);
    assert.ok(hasPort(range, 'TCP', 32000) && hasPort(range, 'TCP', 32768));
    assert.ok(!hasPort(range, 'TCP', 32769) && !hasPort(range, 'UDP', 32000));
  });

  it('reads back what formatPorts prints, and refuses other text', () => {
    for (const text of ['all', 'none', 'TCP:80', 'TCP:80,443,8000-9000 UDP:53', 'TCP:* SCTP:5000'])
      assert.equal(formatPorts(parsePorts(text) ?? NO_PORTS), text);
    assert.deepEqual(parsePorts('UDP:*'), { TCP: [], UDP: [[1, 65535]], SCTP: [] });
    for (const text of ['TCP 80', 'ICMP:1', 'TCP:', 'TCP:80;443', ''])
      assert.equal(parsePorts(text), undefined, text);
  });
});
