import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import calculator from 'ae-cvss-calculator';
import { seededRandom } from '../testing/random-yaml.ts';
import { cvss3BaseScore, cvss4BaseScore, cvssRating } from './cvss.ts';

describe('CVSS 3.x base scores (FIRST CVSS v3.1 specification §7)', () => {
  it('scores well-known vectors', () => {
    const cases: readonly (readonly [string, number])[] = [
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10],
      ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8],
      ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
      ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N', 5.9],
      ['CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N', 0],
      ['CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N/E:P', 6.4],
    ];
    for (const [vector, score] of cases) assert.equal(cvss3BaseScore(vector), score, vector);
  });

  it('agrees with ae-cvss-calculator on 3,000 random 3.0 and 3.1 vectors', () => {
    const random = seededRandom(31);
    const metrics = [
      ['AV', 'NALP'],
      ['AC', 'LH'],
      ['PR', 'NLH'],
      ['UI', 'NR'],
      ['S', 'UC'],
      ['C', 'HLN'],
      ['I', 'HLN'],
      ['A', 'HLN'],
    ] as const;
    for (let n = 0; n < 3000; n++) {
      const version = random.chance(0.5) ? '3.1' : '3.0';
      const vector = `CVSS:${version}/${metrics.map(([key, values]) => `${key}:${random.pick(values.split(''))}`).join('/')}`;
      const library = version === '3.1' ? new calculator.Cvss3P1(vector) : new calculator.Cvss3P0(vector);
      assert.equal(cvss3BaseScore(vector), library.calculateScores().base, vector);
    }
  });

  it('rejects a malformed vector, naming the part', () => {
    assert.throws(() => cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:X'), {
      name: 'InputError',
      message: '"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:X" is not a valid CVSS vector: "A:X"',
    });
    assert.throws(() => cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H'), {
      message: '"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H" lacks the base metric A',
    });
    assert.throws(() => cvss3BaseScore('AV:N/AC:L/Au:N/C:P/I:P/A:P'), {
      message: '"AV:N/AC:L/Au:N/C:P/I:P/A:P" is not a CVSS 3.x vector',
    });
  });
});

describe('CVSS 4.0 base scores (through ae-cvss-calculator)', () => {
  it('scores vectors of the specification’s examples', () => {
    assert.equal(cvss4BaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'), 9.3);
    assert.equal(cvss4BaseScore('CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'), 8.5);
    assert.equal(cvss4BaseScore('CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N'), 0);
  });

  it('rejects an incomplete or malformed vector that the library would score 0', () => {
    assert.throws(() => cvss4BaseScore('CVSS:4.0/AV:N/AC:L'), {
      name: 'InputError',
      message: '"CVSS:4.0/AV:N/AC:L" lacks the base metric AT, PR, UI, VC, VI, VA, SC, SI, SA',
    });
    assert.throws(() => cvss4BaseScore('CVSS:4.0/AV:X/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'), {
      message: /is not a valid CVSS vector: "AV:X"$/,
    });
  });

  it('rates scores in the specification’s bands', () => {
    assert.deepEqual([0, 0.1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map(cvssRating), [
      'none',
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'critical',
      'critical',
    ]);
  });
});
