import type { ProbeResponse, ProbeResult } from './result.ts';

/**
 * Judges the kubelet API's answer to `GET /pods` without credentials. 401 = anonymous auth off
 * (pass); 403 = anonymous auth on but Webhook authorization denies (warn; kube-hunter KHV036 wrongly
 * reports this as vulnerable, issue #548); 200 = pods listed to anyone (fail, KHV052).
 */
export function kubeletVerdict(target: string, response: ProbeResponse): ProbeResult {
  if (response.kind === 'error')
    return {
      probe: 'kubelet-anonymous',
      target,
      verdict: 'error',
      message: `kubelet at ${target} is unreachable (${response.code})`,
      evidence: [`GET /pods: ${response.code}`],
    };
  const evidence = [`GET /pods: ${response.status}`];
  if (response.status === 401)
    return {
      probe: 'kubelet-anonymous',
      target,
      verdict: 'pass',
      message: 'kubelet rejects anonymous requests (401)',
      evidence,
    };
  if (response.status === 403)
    return {
      probe: 'kubelet-anonymous',
      target,
      verdict: 'warn',
      message: 'kubelet authenticates anonymous requests (403): anonymous auth is on, authorization denies',
      evidence,
    };
  if (response.status === 200)
    return {
      probe: 'kubelet-anonymous',
      target,
      verdict: 'fail',
      message: 'kubelet lists pods to anonymous requests on /pods',
      evidence,
    };
  return {
    probe: 'kubelet-anonymous',
    target,
    verdict: 'error',
    message: `kubelet answered ${response.status}`,
    evidence,
  };
}

/** Judges the read-only port's answer to `GET /pods`: refused = pass, pods served = fail. */
export function readOnlyPortVerdict(target: string, port: number, response: ProbeResponse): ProbeResult {
  if (response.kind === 'error')
    return response.code === 'ECONNREFUSED'
      ? {
          probe: 'kubelet-read-only-port',
          target,
          verdict: 'pass',
          message: `kubelet read-only port ${port} is closed`,
          evidence: [`GET /pods: ${response.code}`],
        }
      : {
          probe: 'kubelet-read-only-port',
          target,
          verdict: 'error',
          message: `kubelet read-only port ${port} gave ${response.code}`,
          evidence: [`GET /pods: ${response.code}`],
        };
  const evidence = [`GET /pods: ${response.status}`];
  if (response.status === 200)
    return {
      probe: 'kubelet-read-only-port',
      target,
      verdict: 'fail',
      message: `kubelet read-only port ${port} serves pods without authentication`,
      evidence,
    };
  return {
    probe: 'kubelet-read-only-port',
    target,
    verdict: 'warn',
    message: `something answers HTTP ${response.status} on port ${port}`,
    evidence,
  };
}
