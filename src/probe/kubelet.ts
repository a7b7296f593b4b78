import { kubeletVerdict, readOnlyPortVerdict } from '../controlplane/verdicts/kubelet.ts';
import type { ProbeResult } from '../controlplane/verdicts/result.ts';
import { probeGet } from './http.ts';

/** Probes the kubelet API on `https://host:port/pods` without credentials (see {@link kubeletVerdict}). */
export async function probeKubelet(host: string, port: number, timeoutMs: number): Promise<ProbeResult> {
  const url = new URL(`https://${hostPart(host)}:${port}/pods`);
  return kubeletVerdict(url.origin, await probeGet(url, timeoutMs));
}

/** Probes the kubelet read-only port on `http://host:port/pods` (see {@link readOnlyPortVerdict}). */
export async function probeKubeletReadOnly(
  host: string,
  port: number,
  timeoutMs: number,
): Promise<ProbeResult> {
  const url = new URL(`http://${hostPart(host)}:${port}/pods`);
  return readOnlyPortVerdict(url.origin, port, await probeGet(url, timeoutMs));
}

function hostPart(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
