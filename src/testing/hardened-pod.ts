/** A pod that passes every check, so a test adds exactly the problem it is about. */
export const hardenedPod = (
  name: string,
  options: { annotations?: string; namespace?: string; privileged?: boolean; image?: string } = {},
) =>
  [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${options.namespace ?? 'apps'}`,
    ...(options.annotations
      ? ['  annotations:', ...options.annotations.split('\n').map((line) => `    ${line}`)]
      : []),
    'spec:',
    '  automountServiceAccountToken: false',
    '  serviceAccountName: app',
    '  securityContext:',
    '    runAsNonRoot: true',
    '    runAsUser: 10001',
    '    runAsGroup: 10001',
    '    seccompProfile: {type: RuntimeDefault}',
    '  containers:',
    '    - name: app',
    `      image: ${options.image ?? 'registry.example.com/app:1.0@sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae'}`,
    '      imagePullPolicy: IfNotPresent',
    '      resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: 200m, memory: 64Mi}}',
    '      livenessProbe: {httpGet: {path: /healthz, port: 8080}}',
    '      readinessProbe: {httpGet: {path: /ready, port: 8080}}',
    '      securityContext:',
    '        allowPrivilegeEscalation: false',
    '        readOnlyRootFilesystem: true',
    '        capabilities: {drop: [ALL]}',
    ...(options.privileged ? ['        privileged: true'] : []),
    '',
  ].join('\n');

/** {@link hardenedPod}, privileged: one pss-privileged finding (critical) and its kin. */
export const privilegedPod = (name: string, annotations?: string) =>
  hardenedPod(name, annotations === undefined ? { privileged: true } : { privileged: true, annotations });
