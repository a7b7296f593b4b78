/** The API group version of the audit events kubeward reads (`--audit-log-version`'s default). */
export const AUDIT_API_VERSION = 'audit.k8s.io/v1';

/** One `audit.k8s.io/v1` Event as decoded from JSON: read by field, never changed. */
export type AuditEvent = Readonly<Record<string, unknown>>;

/** The events a decoded value holds, and what in it is no event (each item of a list on its own). */
export interface AuditEventsFound {
  readonly events: readonly AuditEvent[];
  readonly problems: readonly AuditProblem[];
}

/** Why a value, or one item of its list, is no audit event. */
export interface AuditProblem {
  readonly message: string;
  /** The index of the item in an EventList's `items`, when the problem is that item. */
  readonly item?: number;
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NONE: readonly AuditEvent[] = [];
const problem = (message: string): AuditEventsFound => ({ events: NONE, problems: [{ message }] });

/**
 * The audit events of one decoded value: an `Event` (the log backend writes one per line), or an
 * `EventList` (the webhook backend's request body, `kubectl get --raw` dumps), whose items need not
 * carry a kind of their own (k8s.io/apiserver pkg/apis/audit/v1/types.go: `EventList.Items []Event`).
 * Anything else is a problem naming what was found instead; a bad item of a list does not lose the
 * others.
 */
export function auditEventsOf(value: unknown): AuditEventsFound {
  if (!isObject(value)) return problem(`not an audit event: a JSON ${describe(value)}`);
  const { kind, apiVersion } = value;
  if (kind !== 'Event' && kind !== 'EventList')
    return problem(
      `not an audit event: kind ${typeof kind === 'string' ? JSON.stringify(kind) : 'missing'}, expected Event or EventList`,
    );
  if (apiVersion !== AUDIT_API_VERSION)
    return problem(
      `${kind} of apiVersion ${typeof apiVersion === 'string' ? JSON.stringify(apiVersion) : 'missing'} is not read: expected ${AUDIT_API_VERSION} (the API server's --audit-log-version and --audit-webhook-version default)`,
    );
  if (kind === 'Event') return { events: [value], problems: [] };
  const { items } = value;
  if (items === undefined || items === null) return { events: NONE, problems: [] };
  if (!Array.isArray(items)) return problem(`EventList items is a ${describe(items)}, not a list`);
  const events: AuditEvent[] = [];
  const problems: AuditProblem[] = [];
  for (let i = 0; i < items.length; i++) {
    const item: unknown = items[i];
    if (isObject(item) && (item.kind === undefined || item.kind === 'Event')) events.push(item);
    else
      problems.push({
        message: `EventList items[${String(i)}] is not an Event: a JSON ${describe(item)}`,
        item: i,
      });
  }
  return { events, problems };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  return typeof value;
}
