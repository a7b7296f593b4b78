import type { ProbeResponse, ProbeResult } from './result.ts';

/** Paths `system:public-info-viewer` opens to everyone by design: 200 there is information, not a finding. */
const PUBLIC_PATHS = ['/version', '/healthz', '/livez', '/readyz'];
/** Paths that must never answer a stranger (kube-hunter KHV005, KHV007). */
const PROTECTED_PATHS = [
  '/api',
  '/api/v1/namespaces',
  '/api/v1/pods',
  '/api/v1/secrets',
  '/apis/rbac.authorization.k8s.io/v1/clusterroles',
];

/** The paths an API server probe asks, in order: the public ones first. */
export const APISERVER_PROBE_PATHS: readonly string[] = [...PUBLIC_PATHS, ...PROTECTED_PATHS];

/** The answer an API server gave to an anonymous GET of one path. */
export interface PathAnswer {
  readonly path: string;
  readonly response: ProbeResponse;
}

/**
 * Judges an API server's answers to anonymous GETs of {@link APISERVER_PROBE_PATHS}. 401 on /api means
 * anonymous authentication is off (pass); 403 means anonymous requests are authenticated but RBAC
 * denies them (warn: one binding away from open); 200 on a protected path is a fail, naming every such
 * path. Plain http is a fail by itself. No answer on the first path means unreachable (error).
 */
export function apiserverVerdict(base: URL, answers: readonly PathAnswer[]): ProbeResult {
  const evidence: string[] = [];
  const open: string[] = [];
  let forbidden = 0;
  let unauthorized = 0;
  for (const { path, response } of answers) {
    if (response.kind === 'error') {
      evidence.push(`GET ${path}: ${response.code}`);
      if (path === PUBLIC_PATHS[0])
        return {
          probe: 'apiserver-anonymous',
          target: base.href,
          verdict: 'error',
          message: `API server at ${base.href} is unreachable (${response.code})`,
          evidence,
        };
      continue;
    }
    evidence.push(`GET ${path}: ${response.status}`);
    if (!PROTECTED_PATHS.includes(path)) continue;
    if (response.status >= 200 && response.status < 300) open.push(path);
    else if (response.status === 403) forbidden++;
    else if (response.status === 401) unauthorized++;
  }
  const plain = base.protocol === 'http:';
  if (open.length > 0)
    return {
      probe: 'apiserver-anonymous',
      target: base.href,
      verdict: 'fail',
      message: `API server answers anonymous requests on ${open.join(', ')}${plain ? ' over plain HTTP' : ''}`,
      evidence,
    };
  if (plain)
    return {
      probe: 'apiserver-anonymous',
      target: base.href,
      verdict: 'fail',
      message: 'API server is served over plain HTTP',
      evidence,
    };
  if (forbidden > 0)
    return {
      probe: 'apiserver-anonymous',
      target: base.href,
      verdict: 'warn',
      message:
        'API server authenticates anonymous requests (403, not 401): anonymous auth is on and only authorization stops them',
      evidence,
    };
  if (unauthorized === PROTECTED_PATHS.length)
    return {
      probe: 'apiserver-anonymous',
      target: base.href,
      verdict: 'pass',
      message: 'API server rejects anonymous requests (401)',
      evidence,
    };
  return {
    probe: 'apiserver-anonymous',
    target: base.href,
    verdict: 'error',
    message: 'API server gave unexpected answers; see evidence',
    evidence,
  };
}
