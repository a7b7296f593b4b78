// The rule index must give exactly the rule a linear scan with ruleAllows gives (rbac.go RuleAllows
// over the role's rules in order): checked on many generated roles and requests.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GrantedRule, RbacRole } from './model.ts';
import { readPolicyRule } from './policy-rule.ts';
import type { AuthorizationRequest } from './request.ts';
import { resourceRequest } from './request.ts';
import { ruleAllows } from './rule-allows.ts';
import { firstAllowingRule } from './rule-index.ts';

const VERBS = ['get', 'list', 'create', 'bind', '*'];
const RESOURCES = ['pods', 'pods/exec', 'deployments/scale', '*/scale', '*', 'secrets', 'pods/*'];
const GROUPS = ['', 'apps', '*'];

function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('firstAllowingRule', () => {
  it('agrees with a linear scan on 2,000 generated cases', () => {
    const random = lcg(42);
    const choose = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const role = { kind: 'ClusterRole', namespace: '', name: 'r' } as unknown as RbacRole;
    for (let n = 0; n < 200; n++) {
      const rules: GrantedRule[] = Array.from({ length: 8 + Math.floor(random() * 12) }, (_, index) => ({
        role,
        index,
        rule: readPolicyRule(
          random() < 0.15
            ? { nonResourceURLs: [choose(['/healthz', '/api*', '*'])], verbs: [choose(VERBS)] }
            : {
                apiGroups: [choose(GROUPS)],
                resources: [choose(RESOURCES), choose(RESOURCES)],
                verbs: [choose(VERBS), choose(VERBS)],
                ...(random() < 0.2 ? { resourceNames: ['x'] } : {}),
              },
        ),
      }));
      for (let q = 0; q < 10; q++) {
        const [resource, subresource] = choose(['pods', 'pods/exec', 'deployments/scale', 'secrets']).split(
          '/',
        );
        const request: AuthorizationRequest =
          random() < 0.15
            ? { kind: 'nonResource', verb: choose(['get', 'post']), path: choose(['/healthz', '/apis/apps']) }
            : resourceRequest(choose(['get', 'list', 'create', 'bind']), resource ?? 'pods', {
                apiGroup: choose(['', 'apps']),
                subresource: subresource ?? '',
                name: choose(['', 'x']),
              });
        assert.equal(
          firstAllowingRule(rules, request),
          rules.find((granted) => ruleAllows(granted.rule, request)),
        );
      }
    }
  });
});
