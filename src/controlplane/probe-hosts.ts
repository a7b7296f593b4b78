import type { Mapping } from '../model/path.ts';
import { isRecord } from '../model/path.ts';
import type { ComponentView } from './components.ts';

/** Loopback, which a hostNetwork component's probes reach on its own node. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', '::1', 'localhost'];

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

/** A container whose probes name none of `hosts` (the `host` of an httpGet or tcpSocket removed). */
export function withoutProbeHosts(container: Mapping, hosts: ReadonlySet<string>): Mapping {
  const copy: Record<string, unknown> = { ...container };
  for (const probe of PROBES) {
    const handler = container[probe];
    if (!isRecord(handler)) continue;
    const probeCopy: Record<string, unknown> = { ...handler };
    for (const action of ['httpGet', 'tcpSocket']) {
      const target = handler[action];
      if (!isRecord(target) || typeof target.host !== 'string' || !hosts.has(target.host)) continue;
      probeCopy[action] = Object.fromEntries(Object.entries(target).filter(([key]) => key !== 'host'));
    }
    copy[probe] = probeCopy;
  }
  return copy;
}

/**
 * The addresses a component listens on, as its flags name them: `--advertise-address`,
 * `--bind-address` and the hosts of `--listen-metrics-urls` (IPv6 without brackets).
 */
export function listenAddresses(view: ComponentView): string[] {
  const addresses: string[] = [];
  for (const flag of view.flags) {
    if (flag.name === 'advertise-address' || flag.name === 'bind-address') addresses.push(flag.value);
    if (flag.name !== 'listen-metrics-urls') continue;
    for (const url of flag.value.split(',')) {
      const host = URL.canParse(url) ? new URL(url).hostname : '';
      if (host !== '') addresses.push(host.replace(/^\[(.*)\]$/, '$1'));
    }
  }
  return addresses;
}
