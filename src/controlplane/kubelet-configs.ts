import type { Inventory } from '../model/inventory.ts';
import type { Resource } from '../model/resource.ts';

/**
 * The KubeletConfiguration files in the scan. Their fields are read with the v1beta1 file defaults
 * (kubernetes/kubernetes pkg/kubelet/apis/config/v1beta1/defaults.go), which differ from the flag
 * defaults: anonymous auth off, Webhook authorization, read-only port 0.
 */
export function kubeletConfigs(inventory: Inventory): readonly Resource[] {
  return inventory.configs.filter(
    (config) =>
      config.kind === 'KubeletConfiguration' && config.apiVersion.startsWith('kubelet.config.k8s.io/'),
  );
}

/** A config value as messages show it: scalars as written, anything else as JSON. */
export function valueText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
}
