// Differential test: kubeward's Debian ordering against the real `dpkg --compare-versions` on
// thousands of generated pairs. Each pair is asked once, with the relation kubeward computed
// (lt, eq or gt): dpkg's exit status confirms or refutes it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { seededRandom } from '../../testing/random-yaml.ts';
import type { Random } from '../../testing/random-yaml.ts';
import { needs } from '../../testing/tools.ts';
import { compareDebian } from './dpkg.ts';

const PAIRS = 2000;

/** An upstream version: starts with a digit; digits, letters and `.+~` after, sometimes `-` too. */
function upstream(random: Random, hyphens: boolean): string {
  const pieces = [
    '0',
    '00',
    '1',
    '2',
    '9',
    '10',
    '012',
    '.',
    '.',
    '+',
    '~',
    '~',
    'a',
    'b',
    'z',
    'A',
    'rc',
    'dfsg',
  ];
  let text = random.pick(['0', '1', '1', '2', '10', '01']);
  for (let n = random.below(6); n > 0; n--) text += random.pick(hyphens ? [...pieces, '-'] : pieces);
  return text;
}

function revision(random: Random): string {
  const pieces = ['0', '1', '2', '10', '.', '+', '~', 'deb12u', 'bpo', 'a', 'ubuntu'];
  let text = random.pick(['0', '1', '2', '1', 'a']);
  for (let n = random.below(4); n > 0; n--) text += random.pick(pieces);
  return text;
}

function version(random: Random): string {
  const epoch = random.chance(0.2) ? `${random.pick(['0', '1', '2', '10'])}:` : '';
  const withRevision = random.chance(0.6);
  return epoch + upstream(random, withRevision) + (withRevision ? `-${revision(random)}` : '');
}

/** `b` near `a`: one character changed, added or removed, or a part swapped, so most pairs are close. */
function neighbour(random: Random, a: string): string {
  const roll = random.below(4);
  if (roll === 0) return version(random);
  if (roll === 1) return a;
  const at = a.indexOf(':') + 1 + random.below(a.length - a.indexOf(':') - 1);
  const insert = random.pick(['0', '1', '9', '~', '+', '.', 'a', 'Z']);
  const candidate = roll === 2 ? a.slice(0, at) + insert + a.slice(at) : a.slice(0, at) + a.slice(at + 1);
  return /^(\d+:)?\d[A-Za-z0-9.+~-]*$/.test(candidate) && !candidate.endsWith('-') ? candidate : a;
}

describe('compareDebian against dpkg --compare-versions', needs('dpkg'), () => {
  it(`agrees on ${String(PAIRS)} generated pairs`, { timeout: 300_000 }, () => {
    const random = seededRandom(0x5eb1a4);
    const pairs: [string, string, 'lt' | 'eq' | 'gt'][] = [];
    for (let n = 0; n < PAIRS; n++) {
      const a = version(random);
      const b = neighbour(random, a);
      const order = compareDebian(a, b);
      pairs.push([a, b, order < 0 ? 'lt' : order > 0 ? 'gt' : 'eq']);
    }
    const relations = new Set(pairs.map(([, , relation]) => relation));
    assert.deepEqual([...relations].sort(), ['eq', 'gt', 'lt'], 'the pairs cover every relation');
    const script = pairs
      .map(
        ([a, b, relation]) =>
          `dpkg --compare-versions '${a}' ${relation} '${b}' 2>/dev/null && echo y || echo n`,
      )
      .join('\n');
    const result = spawnSync('sh', [], { input: script, encoding: 'utf8', maxBuffer: 1 << 24 });
    assert.equal(result.status, 0, result.stderr);
    const answers = result.stdout.trim().split('\n');
    assert.equal(answers.length, pairs.length);
    const disagreements = pairs
      .filter((_, index) => answers[index] !== 'y')
      .map(([a, b, relation]) => `${a} ${relation} ${b}`);
    assert.deepEqual(disagreements, []);
  });

  it('would see a wrong answer: dpkg refutes a relation kubeward does not hold', () => {
    const result = spawnSync('dpkg', ['--compare-versions', '1.0~rc1', 'gt', '1.0']);
    assert.equal(result.status, 1);
    assert.equal(compareDebian('1.0~rc1', '1.0'), -1);
  });
});
