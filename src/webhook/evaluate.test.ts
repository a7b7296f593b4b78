// The webhook's decision rules over the `kubeward scan` engine (src/checks/run.ts). Operations and
// subresources follow kubernetes/api admission/v1/types.go: `object` is absent on DELETE, and a
// subresource request (status, scale) carries that subresource, not the workload.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Check } from '../model/check.ts';
import { CHECKS } from '../checks/registry.ts';
import { parseConfig } from '../config/parse-config.ts';
import { evaluateRequest } from './evaluate.ts';
import type { AdmissionPolicy } from './evaluate.ts';
import { parseAdmissionReview } from './review.ts';
import type { AdmissionRequest } from './review.ts';

const FIXTURE = join(import.meta.dirname, '..', '..', 'testdata', 'webhook', 'review-deployment.json');

/** The fixture's request, with the container edited by `edit`. */
function requestWith(edit: (container: Record<string, unknown>) => void = () => undefined): AdmissionRequest {
  const body = JSON.parse(readFileSync(FIXTURE, 'utf8')) as {
    request: { object: { spec: { template: { spec: { containers: Record<string, unknown>[] } } } } };
  };
  const container = body.request.object.spec.template.spec.containers[0];
  assert.ok(container);
  edit(container);
  const request = parseAdmissionReview(body);
  if (typeof request === 'string') assert.fail(request);
  return request;
}

/** A review fixture's request, as the server would parse it. */
function reviewOf(fixture: string): AdmissionRequest {
  const request = parseAdmissionReview(
    JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'testdata', 'webhook', fixture), 'utf8')),
  );
  if (typeof request === 'string') assert.fail(request);
  return request;
}

const privileged = (container: Record<string, unknown>): void => {
  container.securityContext = { ...(container.securityContext as object), privileged: true };
};
const latest = (container: Record<string, unknown>): void => {
  container.image = 'nginx:latest';
};

function policy(
  config = '{}',
  denyOn: AdmissionPolicy['denyOn'] = 'high',
  checks: readonly Check[] = CHECKS,
): AdmissionPolicy {
  return { checks, run: parseConfig('kubeward.yaml', config, checks).run, denyOn };
}

/** The ids of the registered checks that deny a privileged container (pss-privileged, ...). */
function privilegedDeniers(): string[] {
  const ids = evaluateRequest(requestWith(privileged), policy()).violations.map((f) => f.checkId);
  assert.ok(ids.length > 0, 'some registered check denies a privileged container');
  return [...new Set(ids)];
}

/** The ids of the registered checks that report the mutable tag :latest below high severity. */
function latestWarners(): string[] {
  const ids = evaluateRequest(requestWith(latest), policy()).warnings.map((f) => f.checkId);
  assert.ok(ids.length > 0, 'some registered check warns about :latest');
  return [...new Set(ids)];
}

describe('evaluateRequest', () => {
  it('denies at or above denyOn and warns below it', () => {
    const denied = evaluateRequest(requestWith(privileged), policy());
    assert.equal(denied.allowed, false);
    assert.ok(denied.violations.every((f) => f.severity === 'critical' || f.severity === 'high'));
    assert.ok(denied.violations.some((f) => f.message.includes('privileged')));
    const warned = evaluateRequest(requestWith(latest), policy());
    assert.equal(warned.allowed, true);
    assert.deepEqual(warned.violations, []);
    assert.ok(warned.warnings.some((f) => f.message.includes(':latest')));
    assert.equal(evaluateRequest(requestWith(latest), policy('{}', 'low')).allowed, false);
  });

  it('with denyOn none only warns (audit mode)', () => {
    const verdict = evaluateRequest(requestWith(privileged), policy('{}', 'none'));
    assert.equal(verdict.allowed, true);
    assert.deepEqual(verdict.violations, []);
    assert.ok(verdict.warnings.some((f) => f.message.includes('privileged')));
  });

  it('applies the config: disabled checks, severity overrides and excluded namespaces', () => {
    const deniers = privilegedDeniers();
    assert.equal(
      evaluateRequest(requestWith(privileged), policy(`checks: {disable: [${deniers.join(', ')}]}`)).allowed,
      true,
    );
    const raised = latestWarners().map((id) => `${id}: critical`);
    assert.equal(
      evaluateRequest(requestWith(latest), policy(`checks: {severity: {${raised.join(', ')}}}`)).allowed,
      false,
    );
    const excluded = evaluateRequest(requestWith(privileged), policy('exclude: {namespaces: [payments]}'));
    assert.equal(excluded.allowed, true);
    assert.ok(excluded.suppressed >= 1);
    assert.equal(
      evaluateRequest(requestWith(privileged), policy('exclude: {namespaces: [other]}')).allowed,
      false,
    );
  });

  it('does not let the object exempt itself unless annotations are honoured', () => {
    const request = requestWith(privileged);
    const object = request.object as { metadata: Record<string, unknown> };
    object.metadata.annotations = { 'kubeward.io/ignore': '*' };
    const strict = policy();
    assert.equal(
      evaluateRequest(request, { ...strict, run: { ...strict.run, honourAnnotations: false } }).allowed,
      false,
    );
    assert.equal(
      evaluateRequest(request, { ...strict, run: { ...strict.run, honourAnnotations: true } }).allowed,
      true,
    );
  });

  it('skips inventory-wide checks, which cannot judge one object', () => {
    const everywhere: Check = {
      id: 'test-inventory-check',
      title: 'Reports every resource',
      severity: 'critical',
      theme: 'network',
      description: 'Fires on any inventory.',
      remediation: 'None.',
      references: [],
      target: 'inventory',
      *run(context) {
        for (const resource of context.inventory.resources) yield { resource, path: [], message: 'found' };
      },
    };
    assert.equal(evaluateRequest(requestWith(), policy('{}', 'high', [...CHECKS, everywhere])).allowed, true);
  });

  it('allows DELETE, CONNECT and subresources without evaluating; denies CREATE without an object', () => {
    const remove = { ...requestWith(privileged), operation: 'DELETE' as const };
    assert.equal(evaluateRequest(remove, policy()).skipped, 'operation DELETE is not evaluated');
    const scale = { ...requestWith(privileged), subResource: 'scale' };
    assert.equal(evaluateRequest(scale, policy()).allowed, true);
    const empty = requestWith();
    delete empty.object;
    const verdict = evaluateRequest(empty, policy());
    assert.equal(verdict.allowed, false);
    assert.match(verdict.invalid ?? '', /request\.object is missing/);
  });

  it('evaluates the pod of a pods/ephemeralcontainers UPDATE as it will be: a privileged kubectl debug container is denied', () => {
    const debug = reviewOf('review-ephemeral-container.json');
    const verdict = evaluateRequest(debug, policy());
    assert.equal(verdict.allowed, false);
    assert.ok(
      verdict.violations.some(
        (finding) => finding.checkId === 'pss-privileged' && /debugger-k8x2p/.test(finding.message),
      ),
    );
    const spec = (debug.object as { spec: { ephemeralContainers: { securityContext: object }[] } }).spec;
    spec.ephemeralContainers[0]!.securityContext = {
      allowPrivilegeEscalation: false,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    };
    assert.deepEqual(
      evaluateRequest(debug, policy()).violations.map((finding) => finding.checkId),
      [],
    );
    const notAPod = { ...debug, object: { apiVersion: 'v1', kind: 'EphemeralContainers' } };
    assert.match(evaluateRequest(notAPod, policy()).invalid ?? '', /not a Pod/);
  });

  it('refuses CONNECT to pods/exec, attach and portforward only under connect: deny', () => {
    const exec = reviewOf('review-pod-exec.json');
    const allowed = evaluateRequest(exec, policy());
    assert.equal(allowed.allowed, true);
    assert.equal(allowed.skipped, 'CONNECT to pods/exec is not evaluated');
    const deny = { ...policy(), connect: 'deny' as const };
    for (const subResource of ['exec', 'attach', 'portforward']) {
      const verdict = evaluateRequest({ ...exec, subResource }, deny);
      assert.equal(verdict.allowed, false, subResource);
      assert.equal(verdict.refused, `CONNECT to pods/${subResource} is refused by policy (--connect deny)`);
    }
    assert.equal(evaluateRequest({ ...exec, subResource: 'proxy' }, deny).allowed, true);
  });

  it('denies an object the loader cannot use as invalid', () => {
    const request = { ...requestWith(), object: { metadata: { name: 'no-kind' } } };
    const verdict = evaluateRequest(request, policy());
    assert.equal(verdict.allowed, false);
    assert.match(verdict.invalid ?? '', /not a Kubernetes object/);
  });

  it('denies below the minimum score and records the score', () => {
    const scored = { ...policy(), score: { minimum: 3, score: () => 1 } };
    const verdict = evaluateRequest(requestWith(), scored);
    assert.equal(verdict.allowed, false);
    assert.equal(verdict.score, 1);
    assert.equal(verdict.scoreViolation, 'score 1 is below the minimum 3');
    assert.equal(
      evaluateRequest(requestWith(), { ...scored, score: { minimum: 1, score: () => 1 } }).allowed,
      true,
    );
  });
});
