// Event times: the k8saudit plugin stamps an event with its stageTimestamp parsed as Go's
// time.RFC3339Nano (falcosecurity/plugins plugins/k8saudit/pkg/k8saudit/source.go), `jevt.rawtime`
// prints it in nanoseconds (plugins/json), and Falco's JSON output prints it as
// `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ` in UTC (falcosecurity/falco userspace/engine/formats.cpp).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventTime, isoTime, parseTimestamp, rawtime } from './event-time.ts';

describe('event time', () => {
  const TABLE: readonly (readonly [string, string | undefined, string | undefined])[] = [
    ['2026-03-14T09:26:05.158832Z', '1773480365158832000', '2026-03-14T09:26:05.158832000Z'],
    ['2026-03-14T09:26:05Z', '1773480365000000000', '2026-03-14T09:26:05.000000000Z'],
    ['2026-03-14T11:26:05.5+02:00', '1773480365500000000', '2026-03-14T09:26:05.500000000Z'],
    ['2024-02-29T23:59:59.999999999Z', '1709251199999999999', '2024-02-29T23:59:59.999999999Z'],
    ['1969-12-31T23:59:59.5Z', '-500000000', '1969-12-31T23:59:59.500000000Z'],
    ['2026-02-30T00:00:00Z', undefined, undefined],
    ['2026-03-14T24:00:00Z', undefined, undefined],
    ['2026-03-14 09:26:05Z', undefined, undefined],
    ['2026-03-14T09:26:05.1234567891Z', undefined, undefined],
  ];
  for (const [text, raw, iso] of TABLE)
    it(`reads ${text}`, () => {
      const time = parseTimestamp(text);
      assert.equal(time && rawtime(time), raw);
      assert.equal(time && isoTime(time), iso);
    });

  it('takes stageTimestamp, else requestReceivedTimestamp', () => {
    const both = { stageTimestamp: '2026-03-14T09:26:05Z', requestReceivedTimestamp: '2026-03-14T09:26:04Z' };
    assert.equal(rawtime(eventTime(both) ?? assert.fail()), '1773480365000000000');
    const received = { requestReceivedTimestamp: '2026-03-14T09:26:04Z' };
    assert.equal(rawtime(eventTime(received) ?? assert.fail()), '1773480364000000000');
    assert.equal(eventTime({ stageTimestamp: 'yesterday' }), undefined);
  });
});
