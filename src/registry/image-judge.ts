import type { OsvDatabase } from '../images/osv/database.ts';
import { matchVulnerabilities } from '../images/osv/match.ts';
import type { Vulnerability } from '../images/osv/match.ts';
import type {
  ImagePolicy,
  ImagePolicyRule,
  SignatureCheck,
  SignatureVerifier,
} from '../images/policy/policy.ts';
import { needsDigest, needsVulnerabilities, rulesFor } from '../images/policy/policy.ts';
import { digestReasons, imageVerdict, pinningReasons } from '../images/policy/verdict.ts';
import type { DigestEvidence, ImageReason, ImageVerdict } from '../images/policy/verdict.ts';
import { checkImageReference } from '../model/image.ts';
import type { ImageReference } from '../model/image.ts';
import type { Platform } from '../model/image-source.ts';
import type { RegistryClient } from './client.ts';
import { resolveTag } from './resolve.ts';
import { registryImageSource } from './source.ts';
import { TtlCache } from './ttl-cache.ts';
import { readImageContents } from './image-contents.ts';

/** Which cache a lookup went to, and what it found. */
export type CacheEvent = {
  readonly cache: 'digest' | 'verdict';
  readonly result: 'hit' | 'stale' | 'miss';
};

/** A background refresh of a stale entry that finished; `problem` says why it failed, if it did. */
export type RefreshEvent = {
  readonly cache: CacheEvent['cache'];
  readonly key: string;
  readonly problem?: string;
};

/** What an {@link imageJudge} needs. */
export interface ImageJudgeOptions {
  readonly policy: ImagePolicy;
  readonly client: RegistryClient;
  /** The platform an index is narrowed to before its packages are read. */
  readonly platform: Platform;
  /** The OSV records vulnerabilities are matched against; needed by rules that deny vulnerabilities. */
  readonly database?: OsvDatabase | undefined;
  /**
   * Verifies signatures for rules that require them; without one, such rules cannot be evaluated
   * and the failure policy applies.
   */
  readonly verifySignatures?: SignatureVerifier | undefined;
  /** Longest a judgement waits for registries; then the rules that need them are `unevaluated`. */
  readonly timeoutMs: number;
  readonly cache: {
    readonly entries: number;
    /** Time a digest's verdict is fresh. */
    readonly verdictTtlMs: number;
    /** Time a tag's digest is fresh. */
    readonly digestTtlMs: number;
  };
  /** Images read from registries at once (default 4); more wait their turn. */
  readonly maxConcurrentReads?: number | undefined;
  readonly now?: (() => number) | undefined;
  readonly onCache?: ((event: CacheEvent) => void) | undefined;
  /** A background refresh that finished; a failed one leaves the stale entry in use. */
  readonly onRefresh?: ((event: RefreshEvent) => void) | undefined;
}

/** An image's verdict, with the digest it was judged at when one was learnt. */
export interface ImageJudgement extends ImageVerdict {
  readonly image: string;
  readonly digest: string | undefined;
}

/** Judges images against an image policy; one per server, its caches shared by every review. */
export interface ImageJudge {
  judge(image: string): Promise<ImageJudgement>;
}

/** What a digest's rules concluded, kept in the verdict cache when nothing was `unevaluated`. */
type DigestOutcome = readonly ImageReason[];

const NO_VERIFIER =
  'no signature verifier is configured in this kubeward build, so signatures cannot be checked';

/**
 * The image policy as a judge with caches: the rules matching an image's reference apply; pinning
 * is judged from the reference as written; the rest needs its digest (the reference's own, or its
 * tag resolved by the registry, cached for `digestTtlMs`) and, per digest, its vulnerabilities (the
 * image read from the registry, its packages matched against the OSV database) and its signatures
 * (through `verifySignatures`), whose reasons are cached for `verdictTtlMs`. Both caches are bounded
 * to `entries` and answer stale entries while refreshing them in the background, so an image seen
 * once never waits on a registry again. A judgement waits at most `timeoutMs` for registries; what
 * is not known by then is `unevaluated` (the failure policy decides), and the work goes on to fill
 * the caches. Never rejects.
 */
export function imageJudge(options: ImageJudgeOptions): ImageJudge {
  const { policy, timeoutMs } = options;
  const digests = new TtlCache<string>({
    capacity: options.cache.entries,
    ttlMs: options.cache.digestTtlMs,
    now: options.now,
  });
  const verdicts = new TtlCache<DigestOutcome>({
    capacity: options.cache.entries,
    ttlMs: options.cache.verdictTtlMs,
    now: options.now,
  });
  const pending = new Map<string, Promise<unknown>>();
  const reads = slots(options.maxConcurrentReads ?? 4);

  /** One computation per key at a time; its result stored when `keep` says so. */
  function once<V>(key: string, compute: () => Promise<V>): Promise<V> {
    const running = pending.get(key) as Promise<V> | undefined;
    if (running !== undefined) return running;
    const started = compute().finally(() => pending.delete(key));
    pending.set(key, started);
    return started;
  }

  /** Looks `key` up, computing on a miss and refreshing a stale entry in the background. */
  async function cached<V>(
    cache: TtlCache<V>,
    name: CacheEvent['cache'],
    key: string,
    compute: () => Promise<{ value: V; keep: boolean; problem?: string }>,
  ): Promise<V> {
    const refresh = (): Promise<{ value: V; keep: boolean; problem?: string }> =>
      once(key, async () => {
        const result = await compute();
        if (result.keep) cache.set(key, result.value);
        return result;
      });
    const found = cache.get(key);
    options.onCache?.({ cache: name, result: found === undefined ? 'miss' : found.fresh ? 'hit' : 'stale' });
    if (found === undefined) return (await refresh()).value;
    if (!found.fresh && !pending.has(key))
      void refresh().then(
        (result) => {
          options.onRefresh?.(
            result.keep
              ? { cache: name, key }
              : { cache: name, key, problem: result.problem ?? 'not evaluated' },
          );
        },
        (error: unknown) => options.onRefresh?.({ cache: name, key, problem: (error as Error).message }),
      );
    return found.value;
  }

  const digestOf = (reference: ImageReference): Promise<string> => {
    const tag = reference.tag ?? 'latest';
    return cached(digests, 'digest', `${reference.registry}/${reference.repository}:${tag}`, async () => {
      const resolved = await resolveTag(options.client, {
        registry: reference.registry,
        repository: reference.repository,
        reference: tag,
      });
      return { value: resolved.digest, keep: true };
    });
  };

  async function vulnerabilitiesOf(
    reference: ImageReference,
    digest: string,
  ): Promise<readonly Vulnerability[] | { error: string }> {
    if (options.database === undefined) return { error: 'no OSV database is configured' };
    try {
      const source = registryImageSource(
        options.client,
        { registry: reference.registry, repository: reference.repository, reference: digest },
        { platform: options.platform },
      );
      const contents = await reads(() => readImageContents(source));
      return matchVulnerabilities(contents.packages, options.database).vulnerabilities;
    } catch (error) {
      return { error: (error as Error).message };
    }
  }

  async function signaturesOf(
    reference: ImageReference,
    digest: string,
    rules: readonly ImagePolicyRule[],
  ): Promise<ReadonlyMap<string, SignatureCheck | { error: string }>> {
    const checks = new Map<string, SignatureCheck | { error: string }>();
    for (const rule of rules) {
      if (rule.signatures === undefined) continue;
      const verify = options.verifySignatures;
      if (verify === undefined) {
        checks.set(rule.name, { error: NO_VERIFIER });
        continue;
      }
      try {
        checks.set(rule.name, await verify(reference, digest, rule.signatures));
      } catch (error) {
        checks.set(rule.name, { error: (error as Error).message });
      }
    }
    return checks;
  }

  async function digestOutcome(
    reference: ImageReference,
    rules: readonly ImagePolicyRule[],
  ): Promise<{ readonly digest: string | undefined; readonly reasons: DigestOutcome }> {
    let digest: string;
    try {
      digest = reference.digest ?? (await digestOf(reference));
    } catch (error) {
      return { digest: undefined, reasons: unevaluated(rules, (error as Error).message) };
    }
    const key = `${reference.registry}/${reference.repository}@${digest} ${rules.map((rule) => rule.name).join(',')}`;
    const reasons = await cached(verdicts, 'verdict', key, async () => {
      const evidence: DigestEvidence = {
        digest,
        vulnerabilities: needsVulnerabilities(rules) ? await vulnerabilitiesOf(reference, digest) : undefined,
        signatures: await signaturesOf(reference, digest, rules),
      };
      const reasons = digestReasons(evidence, rules);
      const problems = reasons.filter((reason) => reason.kind === 'unevaluated');
      return {
        value: reasons,
        keep: problems.length === 0,
        problem: problems.map((reason) => `${reason.rule}: ${reason.message}`).join('; '),
      };
    });
    return { digest, reasons };
  }

  return {
    async judge(image) {
      const checked = checkImageReference(image);
      if (!checked.valid) return { image, digest: undefined, ...imageVerdict([], policy.failurePolicy) };
      const { reference } = checked;
      const rules = rulesFor(policy, reference);
      const pinning = pinningReasons(reference, rules);
      if (!needsDigest(rules))
        return { image, digest: reference.digest, ...imageVerdict(pinning, policy.failurePolicy) };
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<{ digest: undefined; reasons: DigestOutcome }>((resolve) => {
        timer = setTimeout(() => {
          resolve({
            digest: undefined,
            reasons: unevaluated(
              rules,
              `the registry ${reference.registry} did not answer within ${String(timeoutMs)} ms (images.registryTimeout)`,
            ),
          });
        }, timeoutMs);
      });
      const work = digestOutcome(reference, rules).catch((error: unknown) => ({
        digest: undefined,
        reasons: unevaluated(rules, (error as Error).message),
      }));
      const { digest, reasons } = await Promise.race([work, late]);
      clearTimeout(timer);
      return { image, digest, ...imageVerdict([...pinning, ...reasons], policy.failurePolicy) };
    },
  };
}

/** A gate letting at most `count` calls run at once, the others started in turn as slots free. */
function slots(count: number): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (running < count) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next === undefined) running--;
      else next();
    }
  };
}

/** The rules that need a digest, each unevaluated for `error`. */
function unevaluated(rules: readonly ImagePolicyRule[], error: string): DigestOutcome {
  return digestReasons({ digest: { error } }, rules);
}
