import { basename } from 'node:path';
import { componentViews } from '../../controlplane/components.ts';
import type { ComponentName } from '../../controlplane/components.ts';
import { nodeFileViolation } from '../../controlplane/violation.ts';
import type { InventoryCheck } from '../../model/check.ts';
import type { Inventory } from '../../model/inventory.ts';
import type { Resource } from '../../model/resource.ts';

/** One file the CIS Benchmark sets a mode for: the loosest mode allowed and the benchmark id. */
interface FileRule {
  readonly file: string;
  readonly what: string;
  /** Loosest mode allowed: any permission bit outside it is a finding. */
  readonly limit: number;
  readonly cis: string | undefined;
  /** The object the file holds, when the loader read it (findings then point at it). */
  readonly resource: Resource | undefined;
}

const MANIFEST_IDS: Readonly<Record<ComponentName, string>> = {
  'kube-apiserver': 'CIS 1.1.1',
  'kube-controller-manager': 'CIS 1.1.3',
  'kube-scheduler': 'CIS 1.1.5',
  etcd: 'CIS 1.1.7',
};

const KUBECONFIG_IDS: Readonly<Record<string, string>> = {
  'admin.conf': 'CIS 1.1.13',
  'super-admin.conf': 'CIS 1.1.13',
  'scheduler.conf': 'CIS 1.1.15',
  'controller-manager.conf': 'CIS 1.1.17',
  'kubelet.conf': 'CIS 4.1.5',
};

/**
 * The CIS file-permission checks of a node (1.1.1-1.1.8, 1.1.13-1.1.18, 1.1.20, 1.1.21, 4.1.5, 4.1.9),
 * over the modes read from disk: static pod manifests, kubeconfigs, the KubeletConfiguration and the
 * EncryptionConfiguration 600 or stricter, certificates 644, private keys 600. Only `audit node` reads
 * modes: a repository's file modes say nothing about the node the files end up on. Ownership is not
 * checked.
 */
export const nodeFilePermissions: InventoryCheck = {
  id: 'node-file-permissions',
  title: 'Node file permissions',
  severity: 'medium',
  theme: 'keys',
  description:
    'Static pod manifests, kubeconfigs and the kubelet, encryption and key files of a control-plane node hold credentials or decide how ' +
    'the components run. Anyone on the node who can read a kubeconfig or a private key acts as its owner; anyone who can write a ' +
    'manifest runs code as the component. The CIS Benchmark asks for 600 (certificates 644) or stricter.',
  remediation:
    'chmod 600 the manifests, kubeconfigs, configuration and key files, and 644 the certificates; keep them owned by root.',
  nsa: ['control-plane-hardening'],
  mitre: ['T1552.001'],
  references: [
    ...Object.values(MANIFEST_IDS),
    ...new Set(Object.values(KUBECONFIG_IDS)),
    'CIS 1.1.20',
    'CIS 1.1.21',
    'CIS 4.1.9',
  ],
  cis: [
    '1.1.1',
    '1.1.3',
    '1.1.5',
    '1.1.7',
    '1.1.13',
    '1.1.15',
    '1.1.17',
    '1.1.20',
    '1.1.21',
    '4.1.5',
    '4.1.7',
    '4.1.9',
  ],
  reads:
    'the file modes of static pod manifests, kubeconfigs, kubelet and encryption configuration, keys and certificates (audit node only)',
  target: 'inventory',
  applies: (inventory) => inventory.nodeFiles.modes.size > 0,
  *run({ inventory }) {
    for (const rule of fileRules(inventory)) {
      const mode = inventory.nodeFiles.modes.get(rule.file);
      if (mode === undefined || (mode & ~rule.limit & 0o777) === 0) continue;
      const message = `${rule.what} has mode ${octal(mode)}; ${rule.cis === undefined ? 'it should be' : `${rule.cis} asks for`} ${octal(rule.limit)} or stricter`;
      yield rule.resource
        ? { resource: rule.resource, path: [], message }
        : nodeFileViolation(rule.file, message);
    }
  },
};

function fileRules(inventory: Inventory): FileRule[] {
  const rules: FileRule[] = [];
  const seen = new Set<string>();
  const add = (rule: FileRule): void => {
    if (seen.has(rule.file)) return;
    seen.add(rule.file);
    rules.push(rule);
  };
  for (const view of componentViews(inventory))
    if (view.source === 'static-pod')
      add({
        file: view.resource.origin.file,
        what: `${view.component} manifest`,
        limit: 0o600,
        cis: MANIFEST_IDS[view.component],
        resource: view.resource,
      });
  for (const config of inventory.configs) {
    const file = config.origin.file;
    if (config.kind === 'Config')
      add({ file, what: 'kubeconfig', limit: 0o600, cis: KUBECONFIG_IDS[basename(file)], resource: config });
    else if (config.kind === 'KubeletConfiguration')
      add({ file, what: 'kubelet configuration', limit: 0o600, cis: 'CIS 4.1.9', resource: config });
    else if (config.kind === 'EncryptionConfiguration')
      add({ file, what: 'encryption configuration', limit: 0o600, cis: undefined, resource: config });
  }
  for (const { file } of inventory.nodeFiles.privateKeys)
    add({ file, what: 'private key', limit: 0o600, cis: 'CIS 1.1.21', resource: undefined });
  for (const { file } of inventory.nodeFiles.certificates)
    add({ file, what: 'certificate', limit: 0o644, cis: 'CIS 1.1.20', resource: undefined });
  return rules;
}

function octal(mode: number): string {
  return (mode & 0o777).toString(8).padStart(3, '0');
}
