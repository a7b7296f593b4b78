import type { ImagesConfig } from '../config/images.ts';
import { DEFAULT_MAX_FILE_SIZE } from '../load/file-size.ts';
import { ConfigError } from '../model/errors.ts';
import { imageJudge } from '../registry/image-judge.ts';
import type { ImageJudge } from '../registry/image-judge.ts';
import { hostPlatform, parsePlatform } from '../registry/platform.ts';
import { policySignatureVerifier } from '../registry/policy-signatures.ts';
import { dockerRegistryClient } from '../registry/docker-client.ts';
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
 * `metrics`; the keys and trusted roots of rules that require signatures read once, at start (one
 * that cannot be used is a ConfigError). Undefined when the policy has no rules.
 */
export async function webhookImageJudge(
  images: ImagesConfig,
  log: Logger,
  metrics: WebhookMetrics,
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
  const client = dockerRegistryClient({
    timeoutMs: Math.max(images.registryTimeoutMs, BACKGROUND_TIMEOUT_MS),
    insecure: images.insecureRegistries,
    retries: 0,
    userAgent: `kubeward/${VERSION}`,
  });
  return imageJudge({
    policy: images.policy,
    client,
    platform: images.platform === undefined ? hostPlatform() : parsePlatform(images.platform),
    database,
    verifySignatures: await policySignatureVerifier(client, images.policy, DEFAULT_MAX_FILE_SIZE),
    timeoutMs: images.registryTimeoutMs,
    cache: images.cache,
    onCache: (event) => {
      metrics.observeImageCache(event.cache, event.result);
    },
    onRefresh: ({ cache, key, problem }) => {
      metrics.observeImageRefresh(cache, problem === undefined);
      if (problem !== undefined)
        log('warn', `image ${cache} refresh failed; the cached entry stays in use`, { key, reason: problem });
    },
  });
}
