import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { constructFromEvents, parseEvents } from './js-yaml.ts';
import { generateCorpus } from '../../bench/generate.ts';
import { compactStream } from './compact-events.ts';
import { constructPlain } from './construct.ts';
import { KUBERNETES_YAML_SCHEMA } from './yaml-schema.ts';

/** What js-yaml's own constructor builds, the reference `constructPlain` must equal. */
const reference = (text: string): unknown[] =>
  constructFromEvents(parseEvents(text, {}), { source: text, schema: KUBERNETES_YAML_SCHEMA, json: true });

const plain = (text: string): unknown[] | undefined =>
  constructPlain(parseEvents(text, {}), text, KUBERNETES_YAML_SCHEMA)?.values;

/** Values equal to js-yaml's, and events packed as `compactStream` packs them. */
const equalsReference = (text: string, where = JSON.stringify(text)): void => {
  const events = parseEvents(text, {});
  const built = constructPlain(events, text, KUBERNETES_YAML_SCHEMA);
  assert.ok(built !== undefined, `took the plain path: ${where}`);
  assert.deepStrictEqual(built.values, reference(text), where);
  assert.deepStrictEqual(built.stream, compactStream(events), where);
};

function* yamlFiles(directory: string): Generator<string> {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* yamlFiles(path);
    else if (/\.ya?ml$/.test(entry.name)) yield path;
  }
}

describe('constructing plain YAML streams', () => {
  it('equals js-yaml on every scalar form YAML 1.1 resolves, as values and as keys', () => {
    const scalars = [
      ...['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'NO', 'true', 'False', 'on', 'On', 'OFF', 'oN'],
      ...['0', '-0', '+12', '0x1F', '0o17', '017', '08', '1_000', '0b1010', '190:20:30', '12e3'],
      ...['1.5', '-.5', '.inf', '-.Inf', '.NaN', '1e3', '6.8523015e+5', '190:20:30.15', '1_0.5'],
      ...['~', 'null', 'Null', 'NULL', 'nUll', '', '2001-12-14t21:59:43.10-05:00', '2002-12-14'],
      ...['=', '__proto__', 'constructor', 'toString', 'a b', '-x', '.', 'x:y', '0644', '1.2.3'],
    ];
    for (const scalar of scalars) {
      equalsReference(`key: ${scalar}\n`);
      equalsReference(`- ${scalar}\n`);
      if (scalar !== '') equalsReference(`${scalar}: value\n`);
      equalsReference(`key: '${scalar}'\n"${scalar}": value\n`);
    }
  });

  it('equals js-yaml on block and flow collections, block scalars and stream structure', () => {
    for (const text of [
      '__proto__: {polluted: true}\nb: [1, 2, {c: d}]\n',
      'empty: {}\nlist: []\nnested: [[], [{}], {x: []}]\n',
      'lit: |\n  one\n  two\n\nkeep: |+\n  x\n\nstrip: >-\n  folded\n  text\n',
      "\"quoted\\tkey\": \"a\\nb\"\n'single''s': 'it''s'\n",
      '---\na: 1\n---\n---\n- 1\n...\n--- plain\n--- |\n  block\n',
      '# only a comment\n',
      '? explicit key\n: value\n? other\n',
      '{a: 1, b: [x, y], c: {d: e}}\n',
      'k:\n  - name: a\n    value: "1"\n  -\n  - - nested\n',
      'multi: this is\n  a plain scalar\n  over lines\n',
    ])
      equalsReference(text);
  });

  it("equals js-yaml on every YAML file of this repository and on the bench's generated corpus", () => {
    let files = 0;
    for (const directory of ['examples', 'testdata'])
      for (const path of yamlFiles(directory)) {
        const text = readFileSync(path, 'utf8');
        let events;
        try {
          events = parseEvents(text, {});
        } catch {
          continue;
        }
        if (constructPlain(events, text, KUBERNETES_YAML_SCHEMA) === undefined) continue;
        equalsReference(text, path);
        files++;
      }
    assert.ok(files > 300, `${String(files)} files compared`);
    for (const file of generateCorpus(400, 7)) equalsReference(file.text);
  });

  it('leaves anchors, aliases, tags, merge keys, collection keys and repeated keys to the full constructor', () => {
    for (const text of [
      'a: 1\na: 2\n',
      '{a: 1, "a": 2}\n',
      '__proto__: 1\n__proto__: 2\n',
      'a: &x 1\nb: *x\n',
      'a: &x {k: v}\n',
      'a: !!str 1\n',
      '!!map {a: 1}\n',
      'a: !custom x\n',
      'base: {a: 1}\nderived:\n  <<: {b: 2}\n',
      '? [a, b]\n: c\n',
      '? {a: b}\n: c\n',
    ])
      assert.equal(plain(text), undefined, text);
  });
});
