// The guide's kubetest example and the other examples/policies, written both as a
// ValidatingAdmissionPolicy and as a TypeScript test module, must give the same results on examples/.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runPolicies } from '../scan/policies.ts';
import type { TestResult } from './result.ts';

const PAIRS = [
  ['team-label', 'team-label#testForTeamLabel'],
  ['no-latest', 'no-latest#testNoLatest'],
  ['required-resources', 'required-resources#testRequiredResources'],
  ['approved-registries', 'approved-registries#testApprovedRegistries'],
] as const;

const verdicts = (results: readonly TestResult[], test: string): string[] =>
  results
    .filter((result) => result.test === test)
    .map(
      (result) =>
        `${result.subject.file}:${String(result.subject.line)} ${result.subject.kind}/${result.subject.name} ${result.outcome}`,
    )
    .sort();

/** The policy's own words: the denial prefix and the module's assertion detail removed. */
const reasons = (results: readonly TestResult[], test: string): string[] =>
  results
    .filter((result) => result.test === test)
    .flatMap((result) =>
      result.messages.map(
        (message) =>
          `${result.subject.name}: ${message.replace(/^.* denied request: /, '').replace(/: \{.*\} does not contain 'team'$/, '')}`,
      ),
    )
    .sort();

for (const manifests of ['examples/insecure', 'examples/hardened']) {
  describe(`examples/policies on ${manifests}`, async () => {
    const run = await runPolicies({
      policies: ['examples/policies'],
      manifests: [manifests],
      operation: 'CREATE',
      oldObjects: [],
      defaultNamespace: 'default',
    });
    it('loads without problems', () => {
      assert.deepEqual(run.problems, []);
    });
    for (const [policy, module] of PAIRS)
      it(`${policy}: the VAP and the TypeScript module agree on every resource`, () => {
        const fromPolicy = verdicts(run.results, `${policy}/${policy}`);
        assert.ok(fromPolicy.length > 0, 'the policy matched nothing');
        assert.deepEqual(verdicts(run.results, module), fromPolicy);
        assert.deepEqual(reasons(run.results, module), reasons(run.results, `${policy}/${policy}`));
      });
  });
}
