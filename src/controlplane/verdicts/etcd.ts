import type { ProbeResponse, ProbeResult } from './result.ts';

/** TLS errors that mean the server demanded a client certificate we did not send. */
const CLIENT_CERT_REQUIRED = /CERTIFICATE_REQUIRED|HANDSHAKE_FAILURE|BAD_CERTIFICATE|ECONNRESET|EPIPE/;

/**
 * Judges etcd's answer to `GET /version` from a client without a certificate. Over http, or over https
 * when the handshake succeeds and /version answers, etcd accepts clients without certificates (fail).
 * A TLS alert asking for a certificate is a pass.
 */
export function etcdVerdict(base: URL, response: ProbeResponse): ProbeResult {
  const target = base.origin;
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
