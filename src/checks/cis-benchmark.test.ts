import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECKS } from './registry.ts';
import { CIS_BENCHMARK, CIS_RECOMMENDATIONS } from '../model/frameworks/cis.ts';

const covering = (id: string): string[] =>
  CHECKS.filter((check) => check.cis?.includes(id)).map((check) => check.id);

describe(`${CIS_BENCHMARK.name} ${CIS_BENCHMARK.version} catalogue`, () => {
  it('lists each recommendation once, under the section its id starts with', () => {
    const ids = CIS_RECOMMENDATIONS.map((recommendation) => recommendation.id);
    assert.deepEqual([...new Set(ids)], ids);
    for (const section of CIS_BENCHMARK.sections)
      for (const { id } of section.recommendations)
        assert.ok(id === section.id || id.startsWith(`${section.id}.`), `${id} under ${section.id}`);
  });

  it('knows every CIS id a check declares', () => {
    const known = new Set(CIS_RECOMMENDATIONS.map((recommendation) => recommendation.id));
    const unknown = CHECKS.flatMap((check) =>
      (check.cis ?? []).filter((id) => !known.has(id)).map((id) => `${check.id}: ${id}`),
    );
    assert.deepEqual(unknown, []);
  });

  it('covers every automated recommendation with a check, or says why not', () => {
    const open = CIS_RECOMMENDATIONS.filter(
      (recommendation) =>
        recommendation.assessment === 'automated' &&
        recommendation.outOfScope === undefined &&
        covering(recommendation.id).length === 0,
    ).map((recommendation) => recommendation.id);
    assert.deepEqual(open, []);
  });

  it('gives a reason only where no check implements the recommendation, and one for every manual gap', () => {
    const both = CIS_RECOMMENDATIONS.filter(
      (recommendation) => recommendation.outOfScope !== undefined && covering(recommendation.id).length > 0,
    ).map((recommendation) => `${recommendation.id}: ${covering(recommendation.id).join(', ')}`);
    assert.deepEqual(both, []);
    const silent = CIS_RECOMMENDATIONS.filter(
      (recommendation) => recommendation.outOfScope === undefined && covering(recommendation.id).length === 0,
    ).map((recommendation) => recommendation.id);
    assert.deepEqual(silent, []);
  });
});
