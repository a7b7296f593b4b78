import { labelsOf, selectorMatches } from '../../model/label-selector.ts';
import { isRecord } from '../../model/path.ts';
import type { Resource } from '../../model/resource.ts';
import { apiGroup } from '../../model/resource.ts';
import { kindInfo } from './kinds.ts';
import type { KindTable } from './kinds.ts';
import type { AdmissionPolicy, AdmissionPolicyBinding } from './model.ts';
import type { AdmissionAttributes } from './request.ts';

/** The params one (policy, binding) pair is evaluated with. */
export type ParamResolution =
  /** Evaluate once per listed param (null = no params). */
  | { readonly kind: 'params'; readonly params: readonly (Resource | null)[] }
  /** Nothing matched and parameterNotFoundAction is Allow: the request passes. */
  | { readonly kind: 'allow'; readonly reason: string }
  /** The binding is misconfigured or no param matched with Deny: failurePolicy decides. */
  | { readonly kind: 'error'; readonly message: string };

/**
 * Resolves a binding's paramRef against the param objects offered (policies, bindings and manifests)
 * as the API server does (`admissionregistration/v1` ParamRef):
 * no paramKind or no paramRef → params is null; a name selects one object, a selector (`{}` = all)
 * any number, and each selected param is its own evaluation. For a namespaced paramKind an unset
 * namespace means the request's namespace (a cluster-scoped request then finds nothing). A missing
 * named param, or no match with parameterNotFoundAction Deny, is a configuration error; with Allow
 * the request passes.
 */
export function resolveParams(
  policy: AdmissionPolicy,
  binding: AdmissionPolicyBinding,
  attributes: AdmissionAttributes,
  candidates: readonly Resource[],
  kinds: KindTable,
  defaultNamespace: string,
): ParamResolution {
  const paramKind = policy.paramKind;
  const ref = binding.paramRef;
  if (paramKind === undefined || ref === undefined) return { kind: 'params', params: [null] };
  const info = kindInfo(kinds, apiGroup(paramKind.apiVersion), paramKind.kind);
  const namespace = info.namespaced ? (ref.namespace ?? attributes.namespace) : undefined;
  if (info.namespaced && namespace === '')
    return {
      kind: 'error',
      message: `failed to configure binding: paramRef.namespace must be set for a namespaced paramKind when the request is cluster-scoped`,
    };
  const ofKind = candidates.filter(
    (candidate) =>
      candidate.apiVersion === paramKind.apiVersion &&
      candidate.kind === paramKind.kind &&
      (namespace === undefined || (candidate.namespace ?? defaultNamespace) === namespace),
  );
  const selected =
    ref.name !== undefined
      ? ofKind.filter((candidate) => candidate.name === ref.name)
      : ofKind.filter((candidate) =>
          selectorMatches(
            ref.selector,
            labelsOf(isRecord(candidate.object.metadata) ? candidate.object.metadata.labels : undefined),
          ),
        );
  if (selected.length > 0) return { kind: 'params', params: selected };
  const target = `${paramKind.kind}${namespace === undefined ? '' : ` in namespace ${namespace}`}${ref.name === undefined ? '' : ` named ${ref.name}`}`;
  if (ref.parameterNotFoundAction === 'Allow')
    return { kind: 'allow', reason: `no params found (${target}); parameterNotFoundAction is Allow` };
  return {
    kind: 'error',
    message: `failed to configure binding: no params found for policy binding with \`Deny\` parameterNotFoundAction (${target})`,
  };
}
