import * as z from 'zod';
import { SEVERITIES } from '../model/severity.ts';

const severity = z.enum(SEVERITIES);

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
  settings: z.record(z.string(), z.unknown()).optional(),
});

/** The parsed config file. */
export type ConfigFile = z.infer<typeof configSchema>;
