import { etcdVerdict } from '../controlplane/verdicts/etcd.ts';
import type { ProbeResult } from '../controlplane/verdicts/result.ts';
import { probeGet } from './http.ts';

/**
 * Probes etcd's v3 endpoint without a client certificate: GET /version (read-only; the v2 keys API
 * kube-hunter reads is gone from etcd 3.6). See {@link etcdVerdict}.
 */
export async function probeEtcd(base: URL, timeoutMs: number): Promise<ProbeResult> {
  return etcdVerdict(base, await probeGet(new URL('/version', base), timeoutMs));
}
