import { isAbsolute, dirname, resolve } from 'node:path';
import type { ImagePolicy, ImagePolicyRule } from '../images/policy/policy.ts';
import { parseDuration } from '../model/duration.ts';
import { ConfigError } from '../model/errors.ts';
import type { FieldPath } from '../model/path.ts';
import type { ImagesFile } from './schema.ts';

/** Defaults of `images:`, chosen against the API server's webhook timeout (5 s in `webhook manifests`). */
export const IMAGES_DEFAULTS = {
  registryTimeoutMs: 3000,
  cacheEntries: 1000,
  verdictTtlMs: 10 * 60_000,
  digestTtlMs: 60_000,
} as const;

/** How long and how many image verdicts and tag digests are kept. */
export interface ImageCacheConfig {
  readonly entries: number;
  readonly verdictTtlMs: number;
  readonly digestTtlMs: number;
}

/** `images:` of `.kubeward.yaml`, resolved: paths absolute, durations in milliseconds. */
export interface ImagesConfig {
  readonly policy: ImagePolicy;
  /** The offline OSV directory, when one is given. */
  readonly osvDatabase: string | undefined;
  readonly registryTimeoutMs: number;
  /** `os/arch[/variant]` an index is narrowed to before its image is read; undefined: this host's. */
  readonly platform: string | undefined;
  readonly insecureRegistries: readonly string[];
  readonly cache: ImageCacheConfig;
}

/**
 * Resolves `images:` (already checked against its schema): paths relative to the config file's
 * directory, defaults filled in. A rule that denies vulnerabilities without `osvDatabase` is a
 * ConfigError at the rule's `vulnerabilities`.
 */
export function resolveImages(
  given: ImagesFile,
  file: string | undefined,
  where: (path: FieldPath) => string,
): ImagesConfig {
  const base = file === undefined ? '.' : dirname(file);
  const path = (text: string): string => (isAbsolute(text) ? text : resolve(base, text));
  const rules = (given.policy ?? []).map((rule, i): ImagePolicyRule => {
    if (rule.vulnerabilities !== undefined && given.osvDatabase === undefined)
      throw new ConfigError(
        `${where(['images', 'policy', i, 'vulnerabilities'])}: images.policy[${String(i)}].vulnerabilities: denying vulnerabilities needs images.osvDatabase, a directory of OSV records`,
      );
    return {
      name: `images.policy[${String(i)}]`,
      match: rule.match,
      requirePinned: rule.requirePinned ?? false,
      signatures:
        rule.signatures === undefined
          ? undefined
          : {
              keys: (rule.signatures.keys ?? []).map(path),
              identities: rule.signatures.identities ?? [],
              trustedRoot:
                rule.signatures.trustedRoot === undefined ? undefined : path(rule.signatures.trustedRoot),
            },
      denyVulnerabilities: rule.vulnerabilities?.denyOn,
    };
  });
  const duration = (text: string | undefined, fallback: number): number =>
    text === undefined ? fallback : (parseDuration(text) ?? fallback);
  return {
    policy: { rules, failurePolicy: given.failurePolicy ?? 'Fail' },
    osvDatabase: given.osvDatabase === undefined ? undefined : path(given.osvDatabase),
    registryTimeoutMs: duration(given.registryTimeout, IMAGES_DEFAULTS.registryTimeoutMs),
    platform: given.platform,
    insecureRegistries: given.insecureRegistries ?? [],
    cache: {
      entries: given.cache?.entries ?? IMAGES_DEFAULTS.cacheEntries,
      verdictTtlMs: duration(given.cache?.verdictTtl, IMAGES_DEFAULTS.verdictTtlMs),
      digestTtlMs: duration(given.cache?.digestTtl, IMAGES_DEFAULTS.digestTtlMs),
    },
  };
}
