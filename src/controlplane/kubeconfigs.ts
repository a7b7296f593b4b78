import type { Inventory } from '../model/inventory.ts';
import type { Mapping } from '../model/path.ts';
import { isRecord } from '../model/path.ts';
import type { Resource } from '../model/resource.ts';

/** The kubeconfig files in the scan (`apiVersion: v1`, `kind: Config`). */
export function kubeconfigs(inventory: Inventory): readonly Resource[] {
  return inventory.configs.filter((config) => config.kind === 'Config' && config.apiVersion === 'v1');
}

/** A named entry of a kubeconfig list (`clusters`, `users`) with its index. */
export interface NamedEntry {
  readonly index: number;
  readonly name: string;
  /** The nested `cluster` or `user` mapping ({} when missing). */
  readonly body: Mapping;
}

/** The entries of `clusters` (body = `cluster`) or `users` (body = `user`); malformed items are skipped. */
export function entriesOf(kubeconfig: Resource, list: 'clusters' | 'users'): readonly NamedEntry[] {
  const items = kubeconfig.object[list];
  if (!Array.isArray(items)) return [];
  const field = list === 'clusters' ? 'cluster' : 'user';
  const entries: NamedEntry[] = [];
  items.forEach((item: unknown, index) => {
    if (!isRecord(item)) return;
    const body = item[field];
    entries.push({
      index,
      name: typeof item.name === 'string' ? item.name : '',
      body: isRecord(body) ? body : {},
    });
  });
  return entries;
}
