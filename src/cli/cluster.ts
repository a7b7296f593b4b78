import type { ClusterRead, ReadClusterOptions, ReadProgress } from '../cluster/read.ts';
import type { ClusterFlags } from './commands/cluster-options.ts';

/** Options for {@link readLiveCluster} beyond the flags. */
export interface LiveOptions extends Pick<ReadClusterOptions, 'secrets' | 'managedFields'> {
  /** `-n`: the namespace to read (without `-A`). */
  readonly namespace?: string;
  /** Read every namespace, whatever `-A` says (RBAC and NetworkPolicy models need them all). */
  readonly allNamespaces?: boolean;
}

/**
 * Reads the live cluster the flags name. On a terminal, stderr shows one progress line while the
 * lists run (kinds listed, objects read), cleared at the end; `--insecure-skip-tls-verify` is
 * warned about on stderr. The cluster client (and Node.js's HTTP modules) load only when it runs.
 */
export async function readLiveCluster(flags: ClusterFlags, options: LiveOptions = {}): Promise<ClusterRead> {
  const stderr = process.stderr;
  if (flags.insecureSkipTlsVerify === true)
    stderr.write(
      "warning: --insecure-skip-tls-verify: the API server's certificate is not verified; anyone on the path can read and alter what is scanned\n",
    );
  const terminal = stderr.isTTY;
  const line = { shown: false };
  const onProgress = ({ kinds, kindsListed, objects }: ReadProgress): void => {
    line.shown = true;
    stderr.write(
      `\r\x1b[Kreading cluster: ${String(kindsListed)}/${String(kinds)} kinds listed, ${String(objects)} objects read`,
    );
  };
  const secrets = flags.secrets === false ? 'none' : options.secrets;
  const { readCluster } = await import('../cluster/read.ts');
  try {
    return await readCluster({
      ...(flags.kubeconfig === undefined ? {} : { kubeconfig: flags.kubeconfig }),
      ...(flags.context === undefined ? {} : { context: flags.context }),
      ...(flags.requestTimeout === undefined ? {} : { timeout: flags.requestTimeout }),
      ...(flags.insecureSkipTlsVerify === true ? { insecureSkipTlsVerify: true } : {}),
      allNamespaces: options.allNamespaces ?? flags.allNamespaces === true,
      ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
      ...(secrets === undefined ? {} : { secrets }),
      ...(options.managedFields === undefined ? {} : { managedFields: options.managedFields }),
      ...(flags.chunkSize === undefined ? {} : { pageSize: flags.chunkSize }),
      ...(terminal ? { onProgress } : {}),
    });
  } finally {
    if (line.shown) stderr.write('\r\x1b[K');
  }
}
