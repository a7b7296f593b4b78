import * as z from 'zod';
import type { Settings } from '../model/settings.ts';
import { SEVERITIES } from '../model/severity.ts';
import { expiryOf } from './expiry.ts';

const severity = z.enum(SEVERITIES);

/**
 * `settings:`, one optional field per {@link Settings} knob, typed as the knob is; unknown names are
 * errors. Values left out take their defaults (`config/defaults.ts`).
 */
export const settingsSchema = z.strictObject({
  allowedRegistries: z.array(z.string()).optional(),
  pssLevel: z.string().optional(),
  pssVersion: z.string().optional(),
  pssSystemNamespaces: z.array(z.string()).optional(),
  certificateExpiryDays: z.int().nonnegative().optional(),
  kubesecMinScore: z.int().optional(),
  netpolIpBlockMatchesPods: z.boolean().optional(),
  netpolIngressController: z.string().optional(),
  netpolGatewayController: z.string().optional(),
  kubernetesVersion: z.string().optional(),
} satisfies Record<keyof Settings, z.ZodOptional>);

/** A metav1.LabelSelector: matchLabels and matchExpressions, as the API server would accept it. */
const labelSelectorSchema = z.strictObject({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z
    .array(
      z
        .strictObject({
          key: z.string().min(1),
          operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
          values: z.array(z.string()).optional(),
        })
        .refine(
          ({ operator, values = [] }) =>
            operator === 'In' || operator === 'NotIn' ? values.length > 0 : values.length === 0,
          { error: 'In and NotIn need values; Exists and DoesNotExist take none' },
        ),
    )
    .optional(),
});

/**
 * One entry of `exceptions:`: which findings it exempts (a check id or glob, optionally an object
 * by kind, namespace and name globs or a label selector, and a field path) and why, until when.
 */
export const exceptionSchema = z.strictObject({
  check: z.string().min(1),
  object: z
    .strictObject({
      kind: z.string().min(1).optional(),
      namespace: z.string().optional(),
      name: z.string().min(1).optional(),
      selector: labelSelectorSchema.optional(),
    })
    .optional(),
  field: z.string().min(1).optional(),
  reason: z.string({ error: 'reason is required: say why the finding is accepted' }).trim().min(1, {
    error: 'reason is required: say why the finding is accepted',
  }),
  expires: z
    .string()
    .refine((text) => expiryOf(text) !== undefined, {
      error: 'expected a date (2027-06-30) or an RFC 3339 time (2027-06-30T12:00:00Z)',
    })
    .optional(),
});

/** One exception, as parsed. */
export type ExceptionEntry = z.infer<typeof exceptionSchema>;

/** The `settings:` of a config file, as parsed. */
export type SettingsFile = z.infer<typeof settingsSchema>;

/**
 * `.kubeward.yaml`. Every field is optional; unknown fields are errors (a typo must not silently
 * disable nothing).
 *
 * ```yaml
 * failOn: high
 * checks:
 *   disable: [image-tag-mutable]
 *   severity: { secret-in-env-value: critical }
 * exclude:
 *   namespaces: [kube-system]
 *   paths: ["vendor/**"]
 * settings:
 *   allowedRegistries: [registry.example.com/]
 * exceptions:
 *   - check: pss-host-*
 *     object: { kind: DaemonSet, namespace: monitoring, name: node-exporter }
 *     reason: reads the node's /proc and /sys; reviewed 2026-11
 *     expires: 2027-06-30
 * ```
 */
export const configSchema = z.strictObject({
  apiVersion: z.literal('kubeward.io/v1alpha1').optional(),
  kind: z.literal('Config').optional(),
  failOn: z.union([severity, z.literal('none')]).optional(),
  checks: z
    .strictObject({
      disable: z.array(z.string()).optional(),
      severity: z.record(z.string(), severity).optional(),
    })
    .optional(),
  exclude: z
    .strictObject({
      namespaces: z.array(z.string()).optional(),
      paths: z.array(z.string()).optional(),
    })
    .optional(),
  settings: settingsSchema.optional(),
  exceptions: z.array(exceptionSchema).optional(),
});

/** The parsed config file. */
export type ConfigFile = z.infer<typeof configSchema>;
