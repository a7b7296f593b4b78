import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pick, seededRandom } from './random.ts';

/** One generated manifest file. */
export interface GeneratedFile {
  readonly name: string;
  readonly text: string;
  readonly resources: number;
}

const IMAGES = [
  'nginx:1.27',
  'nginx:latest',
  'registry.example.com/shop/api:2.4.1',
  'registry.example.com/shop/worker',
  'ghcr.io/acme/billing@sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
  'postgres:16',
  'redis:7.2-alpine',
  'quay.io/prometheus/node-exporter:v1.8.1',
];

/**
 * Generates a realistic corpus: per application a Deployment (or StatefulSet, DaemonSet, CronJob),
 * its Service, ConfigMap, ServiceAccount, sometimes an Ingress, Secret, NetworkPolicy, Role and
 * RoleBinding; a mix of hardened and careless security contexts; multi-document files of 1 to 12
 * documents. Deterministic for a given seed. Applications are numbered from `firstApp`, so that
 * corpora generated apart name different objects.
 */
export function generateCorpus(resources: number, seed = 42, firstApp = 0): GeneratedFile[] {
  const random = seededRandom(seed);
  const files: GeneratedFile[] = [];
  let total = 0;
  let app = firstApp;
  while (total < resources) {
    const documents: string[] = [];
    const perFile = 1 + Math.floor(random() * 3);
    for (let i = 0; i < perFile && total + documents.length < resources; i++, app++) {
      for (const document of application(random, app)) {
        if (total + documents.length >= resources) break;
        documents.push(document);
      }
    }
    total += documents.length;
    files.push({
      name: `app-${String(files.length).padStart(5, '0')}.yaml`,
      text: documents.join('---\n'),
      resources: documents.length,
    });
  }
  return files;
}

function application(random: () => number, index: number): string[] {
  const name = `app-${index}`;
  const namespace = `team-${index % 40}`;
  const hardened = random() < 0.5;
  const kind = pick(random, [
    'Deployment',
    'Deployment',
    'Deployment',
    'StatefulSet',
    'DaemonSet',
    'CronJob',
  ]);
  const documents = [workload(random, kind, name, namespace, hardened)];
  documents.push(
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n  labels:\n    app: ${name}\nspec:\n  type: ${pick(random, ['ClusterIP', 'ClusterIP', 'ClusterIP', 'NodePort', 'LoadBalancer'])}\n  selector:\n    app: ${name}\n  ports:\n    - name: http\n      port: 80\n      targetPort: http\n`,
  );
  documents.push(
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}-config\n  namespace: ${namespace}\ndata:\n  LOG_LEVEL: info\n  FEATURE_FLAGS: "search,checkout,recommendations"\n  application.properties: |\n    server.port=8080\n    cache.ttl=300\n    upstream.url=http://${name}-backend.${namespace}.svc:8080\n`,
  );
  documents.push(
    `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nautomountServiceAccountToken: ${hardened ? 'false' : 'true'}\n`,
  );
  if (random() < 0.3) {
    documents.push(
      `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n  annotations:\n    nginx.ingress.kubernetes.io/proxy-body-size: 8m\nspec:\n  ingressClassName: nginx\n${hardened ? `  tls:\n    - hosts: [${name}.example.com]\n      secretName: ${name}-tls\n` : ''}  rules:\n    - host: ${name}.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: ${name}\n                port:\n                  number: 80\n`,
    );
  }
  if (random() < 0.3) {
    documents.push(
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}-ingress\n  namespace: ${namespace}\nspec:\n  podSelector:\n    matchLabels:\n      app: ${name}\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: ingress-nginx\n      ports:\n        - port: http\n`,
    );
  }
  if (random() < 0.2) {
    documents.push(
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nrules:\n  - apiGroups: [""]\n    resources: [configmaps${hardened ? '' : ', secrets'}]\n    verbs: [get, list, watch]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nsubjects:\n  - kind: ServiceAccount\n    name: ${name}\n    namespace: ${namespace}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: ${name}\n`,
    );
  }
  return documents.flatMap((document) => document.split('---\n'));
}

function workload(
  random: () => number,
  kind: string,
  name: string,
  namespace: string,
  hardened: boolean,
): string {
  const image = pick(random, IMAGES);
  const securityContext = hardened
    ? `          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            runAsNonRoot: true\n            runAsUser: 10001\n            capabilities:\n              drop: [ALL]\n            seccompProfile:\n              type: RuntimeDefault\n`
    : random() < 0.2
      ? `          securityContext:\n            privileged: true\n`
      : '';
  const env = hardened
    ? `          env:\n            - name: DATABASE_PASSWORD\n              valueFrom:\n                secretKeyRef:\n                  name: ${name}-db\n                  key: password\n`
    : `          env:\n            - name: DATABASE_PASSWORD\n              value: changeme-${name}\n            - name: LOG_LEVEL\n              value: debug\n`;
  const podSpec = [
    `      serviceAccountName: ${name}`,
    `      containers:`,
    `        - name: ${name}`,
    `          image: ${image}`,
    `          ports:`,
    `            - name: http`,
    `              containerPort: 8080`,
    `          resources:`,
    `            requests: {cpu: 100m, memory: 128Mi}`,
    `            limits: {memory: 256Mi}`,
    `          livenessProbe:`,
    `            httpGet: {path: /healthz, port: http}`,
    `          readinessProbe:`,
    `            httpGet: {path: /ready, port: http}`,
  ].join('\n');
  const volumes =
    kind === 'DaemonSet' && !hardened
      ? `      volumes:\n        - name: runtime\n          hostPath:\n            path: /var/run/containerd/containerd.sock\n`
      : '';
  const spec = `${podSpec}\n${env}${securityContext}${volumes}`;
  const labels = `      labels:\n        app: ${name}\n        app.kubernetes.io/part-of: shop\n`;
  const header = (apiVersion: string) =>
    `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n  labels:\n    app: ${name}\n`;
  if (kind === 'CronJob') {
    const template = `${labels}    spec:\n      restartPolicy: OnFailure\n${spec}`.replace(
      /^(?=.)/gm,
      '    ',
    );
    return `${header('batch/v1')}spec:\n  schedule: "*/15 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        metadata:\n${template}`;
  }
  return `${header('apps/v1')}spec:\n${kind === 'DaemonSet' ? '' : '  replicas: 2\n'}  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n${labels}    spec:\n${spec}`;
}

/** Resources generated at once by {@link writeCorpus}: a corpus of up to this many is one generation. */
const CHUNK = 25_000;

/**
 * Writes a corpus of `resources` generated resources into `directory`, generated {@link CHUNK} at a
 * time (seed 42, 43, … and applications numbered apart) so that a large one never sits in memory
 * whole. Returns the files' total size in bytes.
 */
export function writeCorpus(directory: string, resources: number, seed = 42): number {
  mkdirSync(directory, { recursive: true });
  let bytes = 0;
  for (let chunk = 0; chunk * CHUNK < resources; chunk++) {
    const files = generateCorpus(Math.min(CHUNK, resources - chunk * CHUNK), seed + chunk, chunk * 1_000_000);
    for (const file of files) {
      const name = chunk === 0 ? file.name : `${String(chunk).padStart(3, '0')}-${file.name}`;
      writeFileSync(join(directory, name), file.text);
      bytes += Buffer.byteLength(file.text);
    }
  }
  return bytes;
}

/** `tsx bench/generate.ts --resources 20000 --out bench/out`: writes a corpus to disk. */
function main(): void {
  const { values } = parseArgs({
    options: {
      resources: { type: 'string', default: '20000' },
      out: { type: 'string', default: 'bench/out' },
      seed: { type: 'string', default: '42' },
    },
  });
  const bytes = writeCorpus(values.out, Number(values.resources), Number(values.seed));
  process.stdout.write(`${values.resources} resources, ${(bytes / 1e6).toFixed(1)} MB in ${values.out}\n`);
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) main();
