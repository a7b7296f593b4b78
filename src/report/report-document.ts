import * as z from 'zod';
import { InputError } from '../model/errors.ts';
import { SEVERITIES } from '../model/severity.ts';
import { THEMES } from '../model/theme.ts';

const severity = z.enum(SEVERITIES);
const theme = z.enum(THEMES.map(({ id }) => id) as [string, ...string[]]);
const counts = z.object(
  Object.fromEntries(SEVERITIES.map((s) => [s, z.number()])) as Record<
    (typeof SEVERITIES)[number],
    z.ZodNumber
  >,
);

const adminRule = z.object({
  kind: z.enum(['AdminNetworkPolicy', 'BaselineAdminNetworkPolicy']),
  policy: z.string(),
  priority: z.number().optional(),
  rule: z.string(),
  action: z.enum(['Allow', 'Deny', 'Pass']),
  location: z.string(),
  ports: z.string(),
});

const side = z.object({
  endpoint: z.string(),
  decidedBy: z.string(),
  adminRules: z.array(adminRule),
  baselineRules: z.array(adminRule),
  isolated: z.boolean(),
  policies: z.array(z.string()),
  rules: z.array(z.object({ policy: z.string(), rule: z.string(), location: z.string(), ports: z.string() })),
  allowed: z.string(),
});

const graphs = z.object({
  network: z.object({
    workloads: z.array(
      z.object({
        id: z.string(),
        namespace: z.string(),
        kind: z.string(),
        name: z.string(),
        ingressIsolated: z.boolean(),
        egressIsolated: z.boolean(),
      }),
    ),
    external: z.array(z.string()),
    aggregated: z.boolean(),
    edges: z.array(z.object({ source: z.string(), destination: z.string(), ports: z.string() })),
    namespaceEdges: z.array(
      z.object({ source: z.string(), destination: z.string(), connections: z.number(), ports: z.string() }),
    ),
    explanations: z.array(
      z.object({
        source: z.string(),
        destination: z.string(),
        explanation: z.object({
          allowed: z.boolean(),
          probe: z.string(),
          ports: z.string(),
          egress: side,
          ingress: side,
        }),
      }),
    ),
  }),
  attackPaths: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        type: z.enum(['workload', 'serviceaccount', 'binding', 'role', 'goal']),
        label: z.string(),
        critical: z.boolean(),
      }),
    ),
    edges: z.array(z.object({ source: z.string(), destination: z.string(), critical: z.boolean() })),
    chains: z.array(z.object({ chain: z.string(), critical: z.boolean() })),
    omitted: z.number(),
  }),
});

/**
 * The parts of a `kubeward scan -o json` report (`kubeward.io/v1alpha2`, docs/output.md) that the
 * HTML report shows; other fields are ignored.
 */
export const reportDocumentSchema = z.object({
  apiVersion: z.literal('kubeward.io/v1alpha2'),
  kind: z.literal('ScanReport'),
  tool: z.object({ name: z.string(), version: z.string() }),
  summary: z.object({
    files: z.number(),
    objects: z.number(),
    findings: z.number(),
    suppressed: z.number(),
    bySeverity: counts,
    themes: z.array(
      z.object({
        id: theme,
        title: z.string(),
        checks: z.number(),
        findings: z.number(),
        bySeverity: counts,
      }),
    ),
    inputErrors: z.number(),
    hidden: z.number(),
    inBaseline: z.number(),
  }),
  framework: z
    .object({
      id: z.string(),
      title: z.string(),
      source: z.string(),
      controls: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          group: z.string().optional(),
          findings: z.number(),
          bySeverity: counts,
          status: z.string(),
        }),
      ),
    })
    .optional(),
  rules: z.record(
    z.string(),
    z.object({ title: z.string(), severity: z.string(), theme: z.string(), remediation: z.string() }),
  ),
  findings: z.array(
    z.object({
      check: z.string(),
      severity,
      theme,
      message: z.string(),
      object: z.object({ kind: z.string(), namespace: z.string(), name: z.string() }),
      field: z.string(),
      location: z
        .object({ file: z.string(), line: z.number(), column: z.number(), note: z.string().optional() })
        .nullable(),
      suppressed: z.object({ by: z.string(), reason: z.string() }).nullable(),
      fingerprint: z.string(),
    }),
  ),
  diagnostics: z.array(
    z.object({
      level: z.enum(['error', 'warning', 'note']),
      file: z.string(),
      line: z.number(),
      column: z.number(),
      message: z.string(),
    }),
  ),
  graphs: graphs.optional(),
});

/** A JSON report as the HTML report reads it. */
export type ReportDocument = z.infer<typeof reportDocumentSchema>;

/**
 * Reads a saved JSON report. Anything else (not JSON, another kind or version, a field of the
 * wrong type) is an InputError naming the file and, for a bad field, its path.
 */
export function parseReportDocument(file: string, text: string): ReportDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: not JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = reportDocumentSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  throw new InputError(
    `${file}: not a kubeward JSON report (kubeward scan -o json): ${path === '' ? '' : `${path}: `}${issue?.message ?? 'invalid'}`,
  );
}
