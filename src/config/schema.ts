import * as z from 'zod';
import type { Settings } from '../model/settings.ts';
import { imageGlobError } from '../images/policy/glob.ts';
import { parseDuration } from '../model/duration.ts';
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

/** A duration as flags write it: `5s`, `2m`, `500ms`, `1h`. */
const durationSchema = z.string().refine((text) => parseDuration(text) !== undefined, {
  error: 'expected a duration more than 0: 5s, 2m, 500ms, 1h',
});

/** A regular expression of an identity, compiled as a check that it is one. */
const regExpSchema = z.string().refine(
  (text) => {
    try {
      new RegExp(text, 'u');
      return true;
    } catch {
      return false;
    }
  },
  { error: 'not a valid regular expression' },
);

/**
 * One keyless signer (policy-controller `identities`; cosign `--certificate-oidc-issuer[-regexp]`,
 * `--certificate-identity[-regexp]`): exactly one of issuer and issuerRegExp, and of subject and
 * subjectRegExp.
 */
const identitySchema = z
  .strictObject({
    issuer: z.string().min(1).optional(),
    issuerRegExp: regExpSchema.optional(),
    subject: z.string().min(1).optional(),
    subjectRegExp: regExpSchema.optional(),
  })
  .refine(
    (identity) =>
      (identity.issuer === undefined) !== (identity.issuerRegExp === undefined) &&
      (identity.subject === undefined) !== (identity.subjectRegExp === undefined),
    { error: 'give one of issuer and issuerRegExp, and one of subject and subjectRegExp' },
  );

/** One rule of `images.policy`: the references it matches and what they require. */
const imageRuleSchema = z
  .strictObject({
    match: z
      .array(
        z.string().check((context) => {
          const error = imageGlobError(context.value);
          if (error !== undefined)
            context.issues.push({ code: 'custom', message: error, input: context.value });
        }),
      )
      .min(1, { error: 'give at least one reference glob' }),
    requirePinned: z.boolean().optional(),
    signatures: z
      .strictObject({
        keys: z.array(z.string().min(1)).optional(),
        identities: z.array(identitySchema).optional(),
        trustedRoot: z.string().min(1).optional(),
      })
      .refine(({ keys = [], identities = [] }) => keys.length + identities.length > 0, {
        error: 'give keys or identities to verify signatures with',
      })
      .refine(({ identities = [], trustedRoot }) => identities.length > 0 === (trustedRoot !== undefined), {
        error: 'keyless identities and trustedRoot (a Sigstore trusted_root.json) go together',
      })
      .optional(),
    vulnerabilities: z.strictObject({ denyOn: severity }).optional(),
  })
  .refine(
    (rule) =>
      rule.requirePinned === true || rule.signatures !== undefined || rule.vulnerabilities !== undefined,
    { error: 'a rule requires something: requirePinned, signatures or vulnerabilities' },
  );

/**
 * `images:`, the image policy the admission webhook enforces, and how images are read for it.
 * Paths are relative to the config file.
 */
export const imagesSchema = z.strictObject({
  policy: z.array(imageRuleSchema).optional(),
  osvDatabase: z.string().min(1).optional(),
  registryTimeout: durationSchema.optional(),
  failurePolicy: z.enum(['Fail', 'Ignore']).optional(),
  platform: z
    .string()
    .regex(/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/, { error: 'expected os/arch[/variant], e.g. linux/amd64' })
    .optional(),
  insecureRegistries: z.array(z.string().min(1)).optional(),
  cache: z
    .strictObject({
      entries: z.int().positive().optional(),
      verdictTtl: durationSchema.optional(),
      digestTtl: durationSchema.optional(),
    })
    .optional(),
});

/** The `images:` of a config file, as parsed. */
export type ImagesFile = z.infer<typeof imagesSchema>;

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
 * images:
 *   osvDatabase: ./osv
 *   policy:
 *     - match: ["registry.example.com/team/**"]
 *       requirePinned: true
 *       vulnerabilities: { denyOn: high }
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
  images: imagesSchema.optional(),
});

/** The parsed config file. */
export type ConfigFile = z.infer<typeof configSchema>;
