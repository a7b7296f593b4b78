// Differential test of the plain constructor, and of the search for repeated keys, against js-yaml's
// own constructor, on random YAML streams.
// More seeds: KUBEWARD_FUZZ_SEED=<first seed> KUBEWARD_FUZZ_COUNT=<seeds> node scripts/test.mjs src/load/construct-random.test.ts
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { describe, it } from 'node:test';
import { constructFromEvents, parseEvents, YAMLException } from './js-yaml.ts';
import type { Event } from 'js-yaml';
import { randomYamlStream, seededRandom } from '../testing/random-yaml.ts';
import { compactStream } from './compact-events.ts';
import { constructPlain } from './construct.ts';
import { findDuplicateKey } from './duplicate-keys.ts';
import { KUBERNETES_YAML_SCHEMA } from './yaml-schema.ts';

const FIRST_SEED = Number(process.env.KUBEWARD_FUZZ_SEED ?? 1);
const COUNT = Number(process.env.KUBEWARD_FUZZ_COUNT ?? 1500);

/** Outcomes of {@link compare} that are not a difference. */
const AGREED = ['same', 'full-path-only', 'invalid'];

/**
 * Compares both constructors on one text: `same`, `full-path-only` (the plain constructor declines),
 * `invalid` (not YAML), or else the difference, described.
 */
function compare(text: string): string {
  let events;
  try {
    events = parseEvents(text, {});
  } catch (error) {
    if (error instanceof YAMLException) return 'invalid';
    throw error;
  }
  const repeated = findDuplicateKey(events, text, KUBERNETES_YAML_SCHEMA);
  const strict = strictKeys(events, text);
  if (strict === 'invalid') return 'invalid';
  if ((repeated !== undefined) !== (strict === 'rejects'))
    return `findDuplicateKey ${JSON.stringify(repeated)}, js-yaml ${strict} the keys`;
  const plain = constructPlain(events, text, KUBERNETES_YAML_SCHEMA);
  if (plain === undefined) return 'full-path-only';
  const reference = constructFromEvents(events, { source: text, schema: KUBERNETES_YAML_SCHEMA, json: true });
  if (!isDeepStrictEqual(plain.values, reference))
    return `plain ${JSON.stringify(plain.values)}\njs-yaml ${JSON.stringify(reference)}`;
  if (!isDeepStrictEqual(plain.stream, compactStream(events)))
    return 'packed events differ from compactStream';
  return 'same';
}

/** What js-yaml's constructor, strict about keys (`json: false`), makes of a stream's keys. */
function strictKeys(events: Event[], text: string): 'accepts' | 'rejects' | 'invalid' {
  try {
    constructFromEvents(events, { source: text, schema: KUBERNETES_YAML_SCHEMA, json: false });
    return 'accepts';
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    return error.reason === 'duplicated mapping key' ? 'rejects' : 'invalid';
  }
}

describe('constructing random YAML streams', () => {
  it(`equals js-yaml on ${String(COUNT)} random streams from seed ${String(FIRST_SEED)}`, () => {
    const counts = new Map<string, number>();
    for (let seed = FIRST_SEED; seed < FIRST_SEED + COUNT; seed++) {
      const stream = randomYamlStream(seededRandom(seed));
      const outcome = compare(stream.text);
      const kind = AGREED.includes(outcome) ? outcome : 'different';
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
      if (kind !== 'different') continue;
      const minimal = stream.documents.find((document) => !AGREED.includes(compare(document)));
      assert.fail(
        `seed ${String(seed)} (KUBEWARD_FUZZ_SEED=${String(seed)} KUBEWARD_FUZZ_COUNT=1): the constructors differ on\n` +
          `${minimal ?? stream.text}\n${compare(minimal ?? stream.text)}`,
      );
    }
    const same = counts.get('same') ?? 0;
    assert.ok(
      same >= COUNT * 0.5,
      `only ${String(same)} of ${String(COUNT)} streams compared: ${JSON.stringify([...counts])}`,
    );
    assert.ok(
      (counts.get('invalid') ?? 0) <= COUNT * 0.2,
      `too many invalid streams: ${JSON.stringify([...counts])}`,
    );
  });

  it('generates the same stream from the same seed, and other streams from others', () => {
    assert.equal(randomYamlStream(seededRandom(42)).text, randomYamlStream(seededRandom(42)).text);
    assert.notEqual(randomYamlStream(seededRandom(42)).text, randomYamlStream(seededRandom(43)).text);
  });
});
