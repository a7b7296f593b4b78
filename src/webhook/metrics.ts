/** Upper bounds (seconds) of the request-latency histogram; a review should land in the first few. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const;

/** What the server counts; rendered in the Prometheus text exposition format (version 0.0.4). */
export interface WebhookMetrics {
  /** One HTTP request answered on any path, with its status code and duration in seconds. */
  observeRequest(path: string, code: number, seconds: number): void;
  /** One admission decision (dryRun included). */
  observeReview(operation: string, allowed: boolean, dryRun: boolean): void;
  /** One denial by a check (not counted for dryRun requests, which change nothing). */
  observeDenial(checkId: string): void;
  observeCertificateReload(ok: boolean): void;
  /** One lookup in an image-policy cache (`digest`: tag → digest; `verdict`: digest → verdict). */
  observeImageCache(cache: 'digest' | 'verdict', result: 'hit' | 'stale' | 'miss'): void;
  /** One background refresh of a stale image-policy cache entry, finished. */
  observeImageRefresh(cache: 'digest' | 'verdict', ok: boolean): void;
  /** The text served on /metrics. */
  render(): string;
}

/** Paths reported as a label; anything else counts as `other`, so a scanner cannot grow the label set. */
const KNOWN_PATHS = new Set(['/validate', '/healthz', '/readyz', '/metrics']);
/** Check ids kept as distinct label values; beyond that, `other` (bounded memory). */
const MAX_DENIAL_LABELS = 512;

/** Creates an empty metrics set. Label sets are bounded, so memory stays flat under hostile traffic. */
export function createMetrics(): WebhookMetrics {
  const requests = new Map<string, number>();
  const reviews = new Map<string, number>();
  const denials = new Map<string, number>();
  const reloads = new Map<string, number>();
  const imageCache = new Map<string, number>();
  const imageRefreshes = new Map<string, number>();
  const buckets = LATENCY_BUCKETS.map(() => 0);
  let count = 0;
  let sum = 0;
  const bump = (map: Map<string, number>, key: string): void => {
    map.set(key, (map.get(key) ?? 0) + 1);
  };
  return {
    observeRequest(path, code, seconds) {
      bump(requests, `path="${KNOWN_PATHS.has(path) ? path : 'other'}",code="${String(code)}"`);
      count++;
      sum += seconds;
      LATENCY_BUCKETS.forEach((bound, i) => {
        if (seconds <= bound) buckets[i] = (buckets[i] ?? 0) + 1;
      });
    },
    observeReview(operation, allowed, dryRun) {
      bump(reviews, `operation="${operation}",allowed="${String(allowed)}",dry_run="${String(dryRun)}"`);
    },
    observeDenial(checkId) {
      const label = denials.has(checkId) || denials.size < MAX_DENIAL_LABELS ? checkId : 'other';
      bump(denials, `check="${escapeLabel(label)}"`);
    },
    observeCertificateReload(ok) {
      bump(reloads, `result="${ok ? 'success' : 'failure'}"`);
    },
    observeImageCache(cache, result) {
      bump(imageCache, `cache="${cache}",result="${result}"`);
    },
    observeImageRefresh(cache, ok) {
      bump(imageRefreshes, `cache="${cache}",result="${ok ? 'success' : 'failure'}"`);
    },
    render() {
      const lines: string[] = [];
      const counter = (name: string, help: string, map: ReadonlyMap<string, number>): void => {
        lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
        for (const [labels, value] of [...map].sort(([a], [b]) => a.localeCompare(b)))
          lines.push(`${name}{${labels}} ${String(value)}`);
      };
      counter(
        'kubeward_webhook_requests_total',
        'HTTP requests answered, by path and status code.',
        requests,
      );
      counter('kubeward_webhook_reviews_total', 'Admission reviews decided.', reviews);
      counter('kubeward_webhook_denials_total', 'Denials, by the check that denied.', denials);
      counter('kubeward_webhook_certificate_reloads_total', 'Serving certificate reloads.', reloads);
      counter(
        'kubeward_webhook_image_cache_lookups_total',
        'Image policy cache lookups, by cache (digest: tag to digest, verdict: digest to verdict) and result (stale: answered while refreshed).',
        imageCache,
      );
      counter(
        'kubeward_webhook_image_cache_refreshes_total',
        'Background refreshes of stale image policy cache entries, by cache and result (failure: the stale entry stays in use).',
        imageRefreshes,
      );
      const name = 'kubeward_webhook_request_duration_seconds';
      lines.push(
        `# HELP ${name} Time from request start to response, in seconds.`,
        `# TYPE ${name} histogram`,
      );
      LATENCY_BUCKETS.forEach((bound, i) => {
        lines.push(`${name}_bucket{le="${String(bound)}"} ${String(buckets[i] ?? 0)}`);
      });
      lines.push(
        `${name}_bucket{le="+Inf"} ${String(count)}`,
        `${name}_sum ${String(sum)}`,
        `${name}_count ${String(count)}`,
      );
      lines.push(
        '# HELP process_resident_memory_bytes Resident set size of the server process, in bytes.',
        '# TYPE process_resident_memory_bytes gauge',
        `process_resident_memory_bytes ${String(process.memoryUsage.rss())}`,
      );
      return `${lines.join('\n')}\n`;
    },
  };
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
