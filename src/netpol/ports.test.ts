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
  unionPorts,
} from './ports.ts';

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
