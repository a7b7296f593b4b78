import { CONTROLPLANE_CHECKS } from '../checks/controlplane/index.ts';
import { loadConfig } from '../config/load-config.ts';
import { CHECKS } from '../checks/registry.ts';
import type { ProbeResult } from '../controlplane/verdicts/result.ts';
import { UsageError } from '../model/errors.ts';
import type { Severity } from '../model/severity.ts';
import { probeApiserver } from '../probe/apiserver.ts';
import { probeEtcd } from '../probe/etcd.ts';
import { probeKubelet, probeKubeletReadOnly } from '../probe/kubelet.ts';
import { isLoopbackHost } from '../probe/loopback.ts';
import { renderProbeTable } from '../render/audit/probes.ts';
import { terminalWidth } from '../render/columns.ts';
import type { OUTPUT_FORMATS } from '../render/formats.ts';
import { RENDERERS } from '../render/index.ts';
import { renderKubeBenchJson } from '../render/kube-bench.ts';
import { renderDiagnostics } from '../render/table.ts';
import { connect } from '../cluster/connection.ts';
import { filesOf, loadInputs } from '../scan/inputs.ts';
import { loadProcesses } from '../scan/processes.ts';
import { scanExitCode, scanLoaded } from '../scan/scan.ts';
import { useColor } from './color.ts';
import { writeReport } from './output-file.ts';

/** The flags of `kubeward audit node`, as commander parses them. */
export interface NodeFlags {
  readonly filename: readonly string[];
  readonly processes: boolean;
  readonly procRoot: string;
  readonly maxFileSize: number;
  readonly output: (typeof OUTPUT_FORMATS)[number] | 'kube-bench';
  readonly outputFile?: string;
  readonly failOn?: Severity | 'none';
  readonly config?: string;
  readonly color: boolean;
}

/** The flags of `kubeward audit probe`, as commander parses them. */
export interface ProbeFlags {
  readonly apiserver?: string;
  readonly kubelet?: string;
  readonly kubeletPort: string;
  readonly readOnlyPort: string;
  readonly etcd?: string;
  /** `--timeout MS`, kept for scripts written before `--request-timeout`. */
  readonly timeout?: string;
  /** `--request-timeout`, in milliseconds. */
  readonly requestTimeout?: number;
  readonly output: 'table' | 'json';
  readonly kubeconfig?: string;
  readonly context?: string;
}

/** `kubeward audit node`: a node's files (and running components) against the control-plane checks. */
export async function auditNode(paths: string[], flags: NodeFlags): Promise<void> {
  const inputs = [...paths, ...flags.filename];
  if (inputs.length === 0 && !flags.processes)
    throw new UsageError(
      'nothing to audit: give node directories, or --processes (see kubeward audit node --help)',
    );
  const loaded =
    inputs.length > 0
      ? await loadInputs(inputs, { recursive: true, filePermissions: true, maxFileSize: flags.maxFileSize })
      : { resources: [], diagnostics: [], files: 0 };
  const config = await loadConfig(flags.config, CHECKS, flags.maxFileSize);
  const fromProcesses = flags.processes
    ? loadProcesses(flags.procRoot, flags.maxFileSize)
    : { resources: [], diagnostics: [], files: 0 };
  const input = {
    ...loaded,
    resources: [...loaded.resources, ...fromProcesses.resources],
    diagnostics: [...loaded.diagnostics, ...fromProcesses.diagnostics],
    files: loaded.files + fromProcesses.files,
  };
  const { report } = scanLoaded(input, {
    checks: CONTROLPLANE_CHECKS,
    run: { ...config.run, honourAnnotations: false },
    now: new Date(),
  });
  process.stderr.write(renderDiagnostics(report));
  const text =
    flags.output === 'kube-bench'
      ? renderKubeBenchJson(report)
      : await RENDERERS[flags.output](report, {
          color: useColor(flags.color, flags.outputFile === undefined ? process.stdout : undefined),
          showSuppressed: false,
          baseDirectory: process.cwd(),
          width: terminalWidth(flags.outputFile === undefined ? process.stdout : undefined),
        });
  await writeReport(text, flags.outputFile, [
    ...inputs,
    ...(config.file === undefined ? [] : [config.file]),
    ...filesOf(input),
  ]);
  process.exitCode = scanExitCode(report, flags.failOn ?? config.failOn ?? 'high');
}

/** `kubeward audit probe`: read-only probes of the loopback API server, kubelet and etcd. */
export async function auditProbe(flags: ProbeFlags): Promise<void> {
  const timeout =
    flags.requestTimeout ??
    (flags.timeout === undefined ? 3000 : positiveInteger(flags.timeout, '--timeout'));
  const cluster = flags.kubeconfig !== undefined || flags.context !== undefined;
  if (cluster && flags.apiserver !== undefined)
    throw new UsageError(
      'give --apiserver or the API server of a kubeconfig (--kubeconfig, --context), not both',
    );
  if (!cluster && flags.apiserver === undefined && flags.kubelet === undefined && flags.etcd === undefined)
    throw new UsageError('nothing to probe: give --apiserver, --kubelet and/or --etcd, or --context');
  const results: ProbeResult[] = [];
  if (cluster) results.push(await probeApiserver(await kubeconfigServer(flags), timeout));
  if (flags.apiserver !== undefined)
    results.push(await probeApiserver(loopbackUrl(flags.apiserver, '--apiserver'), timeout));
  if (flags.kubelet !== undefined) {
    if (!isLoopbackHost(flags.kubelet))
      throw new UsageError(`--kubelet ${flags.kubelet} is not a loopback address; run the probe on the node`);
    results.push(
      await probeKubelet(flags.kubelet, positiveInteger(flags.kubeletPort, '--kubelet-port'), timeout),
    );
    results.push(
      await probeKubeletReadOnly(
        flags.kubelet,
        positiveInteger(flags.readOnlyPort, '--read-only-port'),
        timeout,
      ),
    );
  }
  if (flags.etcd !== undefined) results.push(await probeEtcd(loopbackUrl(flags.etcd, '--etcd'), timeout));
  process.stdout.write(
    flags.output === 'json'
      ? `${JSON.stringify({ probes: results }, null, 2)}\n`
      : renderProbeTable(results, terminalWidth(process.stdout)),
  );
  process.exitCode = results.some((result) => result.verdict === 'fail')
    ? 1
    : results.some((result) => result.verdict === 'error')
      ? 2
      : 0;
}

function loopbackUrl(text: string, flag: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${flag} ${text} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`${flag} ${text} must be an http or https URL`);
  if (!isLoopbackHost(url.hostname))
    throw new UsageError(`${flag} ${text} is not a loopback address; run the probe on the node`);
  return url;
}

function positiveInteger(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0 || value > 65535 * 1000)
    throw new UsageError(`${flag} must be a positive integer, got ${text}`);
  return value;
}

/**
 * The API server of a kubeconfig context (`--kubeconfig`, `--context`, else as kubectl finds it):
 * the user named the cluster, so it need not be on loopback. Only its URL is taken; the probe sends
 * no credentials.
 */
async function kubeconfigServer(flags: ProbeFlags): Promise<URL> {
  const connection = await connect({
    ...(flags.kubeconfig === undefined ? {} : { kubeconfig: flags.kubeconfig }),
    ...(flags.context === undefined ? {} : { context: flags.context }),
  });
  return new URL(connection.server);
}
