import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_PORTS, parsePorts } from '../../netpol/ports.ts';
import { describePorts } from './exposure.ts';

describe('netpol exposure wording', () => {
  it('says ports the way the sentences read', () => {
    assert.equal(describePorts(ALL_PORTS), 'every port');
    assert.equal(describePorts(parsePorts('TCP:8080') ?? ALL_PORTS), 'TCP 8080');
    assert.equal(
      describePorts(parsePorts('TCP:80,443,8000-9000 UDP:53') ?? ALL_PORTS),
      'TCP 80,443,8000-9000 and UDP 53',
    );
    assert.equal(describePorts(parsePorts('TCP:* SCTP:5000') ?? ALL_PORTS), 'every TCP port and SCTP 5000');
  });
});
