import { createHash } from 'node:crypto';
import type { Labels } from '../../model/label-selector.ts';
import { selectorMatches } from '../../model/label-selector.ts';
import { labelKeyErrors, labelValueErrors } from '../../model/label-validation.ts';
import type { Mapping } from '../../model/path.ts';

/** The pods that carry a route's traffic into the cluster: a namespace and a label selector. */
export interface ControllerSpec {
  readonly namespace: string;
  /** A metav1.LabelSelector (`matchLabels`, `matchExpressions`). */
  readonly selector: Mapping;
  /** The labels of the pod modelled when no pod of the input matches: the selector's equalities. */
  readonly labels: Labels;
  /** As given: `NAMESPACE/SELECTOR`. */
  readonly text: string;
}

/**
 * ingress-nginx's controller as its official manifests deploy it (kubernetes/ingress-nginx
 * deploy/static/provider/cloud/deploy.yaml: namespace ingress-nginx, pod template labels
 * app.kubernetes.io/name=ingress-nginx and app.kubernetes.io/component=controller).
 */
export const INGRESS_NGINX_CONTROLLER =
  'ingress-nginx/app.kubernetes.io/name=ingress-nginx,app.kubernetes.io/component=controller';

/**
 * The label an in-cluster Gateway implementation puts on the pods it deploys for a Gateway, in the
 * Gateway's namespace (GEP-1762; gateway-api apis/v1/well_known_labels.go GatewayNameLabelKey).
 */
export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The value of {@link GATEWAY_NAME_LABEL} for a Gateway: its name, or for a name over 63
 * characters the first 20, `-`, and the hex SHA-1 of the rest (GEP-1762, geps/gep-1762/index.md).
 */
export function gatewayNameLabelValue(name: string): string {
  if (name.length <= 63) return name;
  return `${name.slice(0, 20)}-${createHash('sha1').update(name.slice(20)).digest('hex')}`;
}

/** The pods GEP-1762 says an in-cluster implementation runs for the Gateway `namespace/name`. */
export function gatewayPodsSpec(namespace: string, name: string): ControllerSpec {
  const value = gatewayNameLabelValue(name);
  return {
    namespace,
    selector: { matchLabels: { [GATEWAY_NAME_LABEL]: value } },
    labels: { [GATEWAY_NAME_LABEL]: value },
    text: `${namespace}/${GATEWAY_NAME_LABEL}=${value}`,
  };
}

/** Splits at commas outside parentheses. */
function requirementsOf(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

interface Requirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values: readonly string[];
}

/** One requirement of kubectl's selector syntax (`k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a)`, `k`, `!k`). */
function requirementOf(text: string): Requirement | string {
  const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(text);
  if (set) {
    const values = (set[3] ?? '')
      .split(',')
      .map((value) => value.trim())
      .filter((value) => value !== '');
    if (values.length === 0) return `"${text}": ${set[2] ?? ''} needs at least one value`;
    return { key: set[1] ?? '', operator: set[2] === 'in' ? 'In' : 'NotIn', values };
  }
  const equality = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(text);
  if (equality)
    return {
      key: equality[1] ?? '',
      operator: equality[2] === '!=' ? 'NotIn' : 'In',
      values: [equality[3] ?? ''],
    };
  const exists = /^(!?)([^=!\s()]+)$/.exec(text);
  if (exists)
    return { key: exists[2] ?? '', operator: exists[1] === '!' ? 'DoesNotExist' : 'Exists', values: [] };
  return `"${text}" is not a label requirement (key=value, key!=value, key in (a,b), key notin (a,b), key, !key)`;
}

/**
 * Parses `NAMESPACE/SELECTOR` (kubectl's label selector syntax, as `kubectl get -l` takes it):
 * `ingress-nginx/app.kubernetes.io/name=ingress-nginx`. An error is a string saying why.
 */
export function parseControllerSpec(text: string): ControllerSpec | string {
  const slash = text.indexOf('/');
  if (slash < 0) return `"${text}": give NAMESPACE/LABEL-SELECTOR, e.g. ${INGRESS_NGINX_CONTROLLER}`;
  const namespace = text.slice(0, slash);
  if (!NAMESPACE.test(namespace) || namespace.length > 63)
    return `"${text}": "${namespace}" is not a namespace name (a lowercase RFC 1123 label)`;
  const matchLabels: Record<string, string> = {};
  const matchExpressions: Requirement[] = [];
  for (const part of requirementsOf(text.slice(slash + 1))) {
    const requirement = requirementOf(part);
    if (typeof requirement === 'string') return requirement;
    const errors = [
      ...labelKeyErrors(requirement.key),
      ...requirement.values.flatMap((value) => labelValueErrors(value)),
    ];
    if (errors.length > 0) return `"${part}": ${errors.join('; ')}`;
    const only = requirement.values[0];
    if (requirement.operator === 'In' && requirement.values.length === 1 && only !== undefined)
      matchLabels[requirement.key] = only;
    else matchExpressions.push(requirement);
  }
  const selector: Mapping =
    matchExpressions.length === 0 ? { matchLabels } : { matchLabels, matchExpressions };
  const labels: Labels = { ...matchLabels };
  if (!selectorMatches(selector, labels))
    return `"${text}": a pod cannot be modelled from this selector when the input has none that matches (its key=value terms alone do not satisfy it); add key=value terms`;
  return { namespace, selector, labels, text };
}
