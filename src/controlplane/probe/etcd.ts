import { probeGet } from './http.ts';
import type { ProbeResult } from './result.ts';

/** TLS errors that mean the server demanded a client certificate we did not send. */
const CLIENT_CERT_REQUIRED = /CERTIFICATE_REQUIRED|HANDSHAKE_FAILURE|BAD_CERTIFICATE|ECONNRESET|EPIPE/;

/**
 * Probes etcd's v3 endpoint without a client certificate: GET /version (read-only; the v2 keys API
 * kube-hunter reads is gone from etcd 3.6). Over http, or over https when the handshake succeeds and
 * /version answers, etcd accepts clients without certificates (fail). A TLS alert asking for a
 * certificate is a pass.
 */
export async function probeEtcd(base: URL, timeoutMs: number): Promise<ProbeResult> {
  const target = base.origin;
  const response = await probeGet(new URL('/version', base), timeoutMs);
  if (response.kind === 'error') {
    const evidence = [`GET /version: ${response.code} ${response.message}`];
    if (base.protocol === 'https:' && CLIENT_CERT_REQUIRED.test(`${response.code} ${response.message}`))
      return {
        probe: 'etcd-client-cert',
        target,
        verdict: 'pass',
        message: 'etcd refuses clients without a certificate',
        evidence,
      };
    return {
      probe: 'etcd-client-cert',
      target,
      verdict: 'error',
      message: `etcd at ${target} is unreachable (${response.code})`,
      evidence,
    };
  }
  const evidence = [`GET /version: ${response.status} ${response.body.trim().slice(0, 200)}`];
  if (response.status === 200 && base.protocol === 'http:')
    return {
      probe: 'etcd-client-cert',
      target,
      verdict: 'fail',
      message: 'etcd serves clients over plain HTTP without authentication',
      evidence,
    };
  if (response.status === 200)
    return {
      probe: 'etcd-client-cert',
      target,
      verdict: 'fail',
      message: 'etcd accepts TLS clients without a client certificate',
      evidence,
    };
  return {
    probe: 'etcd-client-cert',
    target,
    verdict: 'warn',
    message: `etcd answered ${response.status} to a client without a certificate`,
    evidence,
  };
}
