import type { Resource } from '../../model/resource.ts';

/** One admission rule of MatchResources (`admissionregistration/v1` NamedRuleWithOperations). */
export interface ResourceRule {
  readonly operations: readonly string[];
  readonly apiGroups: readonly string[];
  readonly apiVersions: readonly string[];
  readonly resources: readonly string[];
  readonly scope: string;
  readonly resourceNames: readonly string[];
}

/** MatchResources of a policy (matchConstraints) or a binding (matchResources). */
export interface MatchResources {
  readonly namespaceSelector: unknown;
  readonly objectSelector: unknown;
  readonly resourceRules: readonly ResourceRule[];
  readonly excludeResourceRules: readonly ResourceRule[];
  readonly matchPolicy: 'Equivalent' | 'Exact';
}

/** A named CEL expression (matchConditions, variables). */
export interface NamedExpression {
  readonly name: string;
  readonly expression: string;
}

/** One validation of a policy. */
export interface Validation {
  readonly expression: string;
  readonly message: string | undefined;
  readonly messageExpression: string | undefined;
  readonly reason: string;
}

/** One audit annotation of a policy. */
export interface AuditAnnotation {
  readonly key: string;
  readonly valueExpression: string;
}

/** A ValidatingAdmissionPolicy as read from a manifest. */
export interface AdmissionPolicy {
  readonly name: string;
  readonly resource: Resource;
  readonly paramKind: { readonly apiVersion: string; readonly kind: string } | undefined;
  readonly matchConstraints: MatchResources;
  readonly matchConditions: readonly NamedExpression[];
  readonly variables: readonly NamedExpression[];
  readonly validations: readonly Validation[];
  readonly auditAnnotations: readonly AuditAnnotation[];
  readonly failurePolicy: 'Fail' | 'Ignore';
}

/** paramRef of a binding. */
export interface ParamRef {
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly selector: unknown;
  readonly parameterNotFoundAction: 'Allow' | 'Deny';
}

/** The action a binding takes on a failed validation. */
export type ValidationAction = 'Deny' | 'Warn' | 'Audit';

/** A ValidatingAdmissionPolicyBinding as read from a manifest (or the implicit one of a lone policy). */
export interface AdmissionPolicyBinding {
  readonly name: string;
  /** False for the binding kubeward supplies when a policy has none among the inputs. */
  readonly declared: boolean;
  readonly resource: Resource | undefined;
  readonly policyName: string;
  readonly paramRef: ParamRef | undefined;
  readonly matchResources: MatchResources | undefined;
  readonly validationActions: readonly ValidationAction[];
}
