import type { AuditEvent } from '../load/audit/events.ts';

/** What {@link auditEvent} varies; the rest is a plausible request of a cluster's API server. */
export interface AuditEventOptions {
  readonly verb?: string;
  readonly resource?: string;
  readonly subresource?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly username?: string;
  readonly groups?: readonly string[];
  readonly code?: number;
  readonly requestObject?: unknown;
  readonly level?: 'Metadata' | 'Request' | 'RequestResponse';
  readonly stage?: 'RequestReceived' | 'ResponseStarted' | 'ResponseComplete' | 'Panic';
  readonly time?: string;
  readonly auditID?: string;
}

/**
 * An `audit.k8s.io/v1` Event written from the schema (k8s.io/apiserver pkg/apis/audit/v1/types.go:
 * Event, ObjectReference, UserInfo, Status), as the log backend prints it on one line.
 */
export function auditEvent(options: AuditEventOptions = {}): AuditEvent {
  const resource = options.resource ?? 'pods';
  const namespace = options.namespace ?? 'default';
  const verb = options.verb ?? 'get';
  const name = options.name ?? 'web-0';
  const time = options.time ?? '2026-03-02T10:15:30.123456Z';
  const collection = `/api/v1/namespaces/${namespace}/${resource}`;
  const onCollection = (verb === 'create' || verb === 'list') && options.subresource === undefined;
  const requestURI = onCollection ? collection : `${collection}/${name}`;
  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: options.level ?? 'RequestResponse',
    auditID: options.auditID ?? '4f6e2b9c-1d7a-4c3e-9a51-0b8d2e6f7a10',
    stage: options.stage ?? 'ResponseComplete',
    requestURI: options.subresource === undefined ? requestURI : `${requestURI}/${options.subresource}`,
    verb,
    user: {
      username: options.username ?? 'system:serviceaccount:ci:deployer',
      uid: '9b1c3e55-0f0e-4d8a-8f3a-2c4d6e8f0a1b',
      groups: options.groups ?? [
        'system:serviceaccounts',
        'system:serviceaccounts:ci',
        'system:authenticated',
      ],
    },
    sourceIPs: ['10.0.12.7'],
    userAgent: 'kubectl/v1.30.2 (linux/amd64) kubernetes/3968350',
    objectRef: {
      resource,
      namespace,
      ...(onCollection ? {} : { name }),
      apiVersion: 'v1',
      ...(options.subresource === undefined ? {} : { subresource: options.subresource }),
    },
    responseStatus: { metadata: {}, code: options.code ?? (verb === 'create' ? 201 : 200) },
    ...(options.requestObject === undefined ? {} : { requestObject: options.requestObject }),
    ...(options.requestObject === undefined || (options.level ?? 'RequestResponse') !== 'RequestResponse'
      ? {}
      : { responseObject: options.requestObject }),
    requestReceivedTimestamp: time,
    stageTimestamp: time,
    annotations: { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': '' },
  };
}

/** A Pod as a create request carries it, with one container per image. */
export function podObject(name: string, images: readonly string[], privileged = false): unknown {
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      containers: images.map((image, i) => ({
        name: `c${String(i)}`,
        image,
        ...(privileged ? { securityContext: { privileged: true } } : {}),
      })),
    },
  };
}

/** Events as JSON lines, as `--audit-log-path` files hold them. */
export function jsonLines(events: readonly unknown[]): string {
  return events.map((event) => `${JSON.stringify(event)}\n`).join('');
}
