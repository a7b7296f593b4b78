import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fullCollection, quietCollector } from './memory.ts';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('quietCollector', () => {
  const QUIET_MS = 50;
  const counting = (afterBytes: number) => {
    const counter = { collections: 0 };
    const collector = quietCollector({
      quietMs: QUIET_MS,
      afterBytes,
      collect: () => {
        counter.collections++;
      },
    });
    return { counter, collector };
  };

  it('collects once quiet after enough bytes, then waits for as many again', async () => {
    const { counter, collector } = counting(100);
    collector.busy();
    collector.received(60);
    collector.quiet();
    await sleep(3 * QUIET_MS);
    assert.equal(counter.collections, 0, '60 of 100 bytes: not yet');
    collector.busy();
    collector.received(40);
    collector.quiet();
    await sleep(3 * QUIET_MS);
    assert.equal(counter.collections, 1, '100 bytes, then quiet: collected');
    collector.busy();
    collector.received(99);
    collector.quiet();
    await sleep(3 * QUIET_MS);
    assert.equal(counter.collections, 1, 'the count starts again after a collection');
  });

  it('never collects while a review is in flight, nor after stop', async () => {
    const { counter, collector } = counting(1);
    collector.received(10);
    collector.quiet();
    collector.busy();
    await sleep(3 * QUIET_MS);
    assert.equal(counter.collections, 0, 'busy cancels the pending collection');
    collector.quiet();
    collector.stop();
    await sleep(3 * QUIET_MS);
    assert.equal(counter.collections, 0, 'stop cancels it too');
  });
});

describe('fullCollection', () => {
  it('collects an object that only a WeakRef still points to', async () => {
    const collect = fullCollection();
    let target: object | undefined = { payload: 'x'.repeat(1024) };
    const weak = new WeakRef(target);
    target = undefined;
    // A WeakRef keeps its target for the rest of the job that created it.
    await sleep(0);
    collect();
    assert.equal(weak.deref(), undefined);
  });

  it('leaves gc unexposed to code loaded later', () => {
    fullCollection();
    assert.equal((globalThis as { gc?: unknown }).gc, undefined);
  });
});
