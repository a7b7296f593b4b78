import { APISERVER_PROBE_PATHS, apiserverVerdict } from '../controlplane/verdicts/apiserver.ts';
import type { PathAnswer } from '../controlplane/verdicts/apiserver.ts';
import type { ProbeResult } from '../controlplane/verdicts/result.ts';
import { probeGet } from './http.ts';

/**
 * Probes the API server anonymously with GETs only, and judges the answers (see
 * {@link apiserverVerdict}). Stops after the first path when the server does not answer.
 */
export async function probeApiserver(base: URL, timeoutMs: number): Promise<ProbeResult> {
  const answers: PathAnswer[] = [];
  for (const path of APISERVER_PROBE_PATHS) {
    const response = await probeGet(new URL(path, base), timeoutMs);
    answers.push({ path, response });
    if (response.kind === 'error' && answers.length === 1) break;
  }
  return apiserverVerdict(base, answers);
}
