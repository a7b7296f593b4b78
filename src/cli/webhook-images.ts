import type { ImagesConfig } from '../config/images.ts';
import type { SignatureVerifier } from '../images/policy/policy.ts';
import { ConfigError } from '../model/errors.ts';
import { RegistryClient } from '../registry/client.ts';
import { imageJudge } from '../registry/image-judge.ts';
import type { ImageJudge } from '../registry/image-judge.ts';
import { hostPlatform, parsePlatform } from '../registry/platform.ts';
import { dockerCredentialLookup } from '../registry/docker-client.ts';
import { VERSION } from '../version.ts';
import type { Logger } from '../webhook/log.ts';
import type { WebhookMetrics } from '../webhook/metrics.ts';
import { loadOsvDatabase } from './images-content.ts';

/** Longest wait for one registry request of a judgement that goes on after its review was answered. */
const BACKGROUND_TIMEOUT_MS = 30_000;

/**
 * The image judge `webhook serve` enforces `images.policy` with: registries asked with docker's
 * credentials, a review waiting at most `images.registryTimeout` for them while the reading goes on
 * (each request up to 30 s, one attempt) to fill the caches for the next review; the
 * OSV database read once at start (no records is a ConfigError), cache lookups counted in
 * `metrics`. Rules that require signatures are judged through `verifySignatures`; without it they
 * cannot be evaluated and the failure policy applies. Undefined when the policy has no rules.
 */
export async function webhookImageJudge(
  images: ImagesConfig,
  log: Logger,
  metrics: WebhookMetrics,
  verifySignatures?: SignatureVerifier,
): Promise<ImageJudge | undefined> {
  if (images.policy.rules.length === 0) return undefined;
  let database;
  if (images.osvDatabase !== undefined) {
    const loaded = await loadOsvDatabase(images.osvDatabase);
    for (const diagnostic of loaded.diagnostics)
      log('warn', 'OSV record not read', { file: diagnostic.file, reason: diagnostic.message });
    if (loaded.database.size === 0)
      throw new ConfigError(`${images.osvDatabase}: no OSV records found (images.osvDatabase)`);
    database = loaded.database;
    log('info', 'OSV database read', { records: database.size });
  }
  if (images.policy.rules.some((rule) => rule.signatures !== undefined) && verifySignatures === undefined)
    log('warn', 'image policy rules require signatures, and no signature verifier is available', {
      failurePolicy: images.policy.failurePolicy,
    });
  return imageJudge({
    policy: images.policy,
    client: new RegistryClient({
      timeoutMs: Math.max(images.registryTimeoutMs, BACKGROUND_TIMEOUT_MS),
      insecure: images.insecureRegistries,
      credentials: dockerCredentialLookup(),
      retries: 0,
      userAgent: `kubeward/${VERSION}`,
    }),
    platform: images.platform === undefined ? hostPlatform() : parsePlatform(images.platform),
    database,
    verifySignatures,
    timeoutMs: images.registryTimeoutMs,
    cache: images.cache,
    onCache: (event) => {
      metrics.observeImageCache(event.cache, event.result);
    },
    onRefreshFailed: (key, reason) => {
      log('warn', 'image verdict refresh failed; the cached verdict stays in use', { key, reason });
    },
  });
}
