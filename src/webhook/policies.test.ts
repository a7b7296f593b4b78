// ValidatingAdmissionPolicy enforcement in the webhook reuses the `kubeward test` evaluator
// (src/policy/vap); actions follow kubernetes/api admissionregistration/v1 types.go
// (validationActions Deny, Warn, Audit). kubesec minimum score as controlplaneio/kubesec-webhook.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CHECKS } from '../checks/registry.ts';
import { parseConfig } from '../config/parse-config.ts';
import { ConfigError } from '../model/errors.ts';
import { evaluateRequest } from './evaluate.ts';
import type { AdmissionPolicy } from './evaluate.ts';
import { kubesecScoreRule } from './kubesec.ts';
import { loadAdmissionPolicies } from './policies.ts';
import { admissionResponse } from './response.ts';
import { parseAdmissionReview } from './review.ts';
import type { AdmissionRequest } from './review.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURE = join(ROOT, 'testdata', 'webhook', 'review-deployment.json');
const NO_LATEST = join(ROOT, 'examples', 'policies', 'no-latest.yaml');

function requestWithImage(image: string): AdmissionRequest {
  const body = JSON.parse(readFileSync(FIXTURE, 'utf8')) as {
    request: { object: { spec: { template: { spec: { containers: Record<string, unknown>[] } } } } };
  };
  const container = body.request.object.spec.template.spec.containers[0];
  assert.ok(container);
  container.image = image;
  const request = parseAdmissionReview(body);
  if (typeof request === 'string') assert.fail(request);
  return request;
}

const base = (): AdmissionPolicy => ({
  checks: CHECKS,
  run: parseConfig('kubeward.yaml', '{}', CHECKS).run,
  denyOn: 'high',
});

describe('webhook policies from kubeward test files', () => {
  it('denies what a Deny binding rejects and allows what it accepts', async () => {
    const policies = await loadAdmissionPolicies([NO_LATEST]);
    const denied = evaluateRequest(requestWithImage('nginx:latest'), { ...base(), policies });
    assert.equal(denied.allowed, false);
    assert.equal(denied.policyViolations[0]?.test, 'no-latest/no-latest');
    assert.match(
      admissionResponse('u', denied).status?.message ?? '',
      /\[policy no-latest\/no-latest\] ValidatingAdmissionPolicy 'no-latest' .*denied request: images must name a tag/,
    );
    assert.equal(evaluateRequest(requestWithImage('nginx:1.27.0'), { ...base(), policies }).allowed, true);
  });

  it('turns a Warn binding into a warning and an Audit binding into an audit annotation', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kubeward-policies-'));
    const policy = readFileSync(NO_LATEST, 'utf8');
    for (const action of ['Warn', 'Audit']) {
      const file = join(dir, `${action}.yaml`);
      await writeFile(file, policy.replace('validationActions: [Deny]', `validationActions: [${action}]`));
      const verdict = evaluateRequest(requestWithImage('nginx'), {
        ...base(),
        policies: await loadAdmissionPolicies([file]),
      });
      assert.equal(verdict.allowed, true, action);
      const response = admissionResponse('u', verdict);
      if (action === 'Warn') assert.match(response.warnings?.[0] ?? '', /^\[policy no-latest\/no-latest\]/);
      else
        assert.match(response.auditAnnotations?.['policy-audit'] ?? '', /^\[policy no-latest\/no-latest\]/);
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses to start on a policy file that cannot be read', async () => {
    await assert.rejects(
      loadAdmissionPolicies([join(tmpdir(), 'kubeward-no-such-policy.yaml')]),
      ConfigError,
    );
  });

  it('denies under failurePolicy Fail when a policy expression does not compile', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kubeward-policies-'));
    const broken = join(dir, 'broken.yaml');
    await writeFile(
      broken,
      readFileSync(NO_LATEST, 'utf8').replace('size(variables.unpinned) == 0', 'size(('),
    );
    const policies = await loadAdmissionPolicies([broken]);
    const verdict = evaluateRequest(requestWithImage('nginx:1.27.0'), { ...base(), policies });
    assert.equal(verdict.allowed, false);
    assert.equal(verdict.policyViolations[0]?.test, 'no-latest/no-latest');
    await rm(dir, { recursive: true, force: true });
  });
});

describe('webhook kubesec minimum score', () => {
  it('denies below the minimum and records the score', () => {
    const request = requestWithImage('nginx:1.27.0');
    const scored = evaluateRequest(request, { ...base(), score: kubesecScoreRule(0) });
    assert.equal(scored.allowed, true);
    assert.ok(scored.score !== undefined && scored.score > 0, String(scored.score));
    const strict = evaluateRequest(request, { ...base(), score: kubesecScoreRule(scored.score + 1) });
    assert.equal(strict.allowed, false);
    assert.deepEqual(admissionResponse('u', strict).auditAnnotations?.['denied-by'], 'kubesec-score');
  });
});
