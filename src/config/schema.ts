import * as z from 'zod';
import type { Settings } from '../model/settings.ts';
import { SEVERITIES } from '../model/severity.ts';

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
  kubernetesVersion: z.string().optional(),
} satisfies Record<keyof Settings, z.ZodOptional>);

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
});

/** The parsed config file. */
export type ConfigFile = z.infer<typeof configSchema>;
