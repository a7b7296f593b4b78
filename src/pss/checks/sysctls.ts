import type { FieldPath } from '../../model/path.ts';
import { isRecord } from '../../model/path.ts';
import type { PssCheckDefinition, PssCheckResult } from '../check.ts';
import { ALLOWED } from '../check.ts';
import type { PodView } from '../pod.ts';
import { listAt, podSecurityContext, stringAt } from '../pod.ts';

const SAFE_V1_0 = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
];
const SAFE_V1_27 = [...SAFE_V1_0, 'net.ipv4.ip_local_reserved_ports'];
const SAFE_V1_29 = [
  ...SAFE_V1_27,
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];
const SAFE_V1_32 = [...SAFE_V1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];
const SAFE_V1_37 = [...SAFE_V1_32, 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'];

function sysctlsFor(safe: readonly string[]) {
  const allowed = new Set(safe);
  return (pod: PodView): PssCheckResult => {
    const forbidden: string[] = [];
    let path: FieldPath | undefined;
    listAt(podSecurityContext(pod), 'sysctls').forEach((sysctl, i) => {
      const name = isRecord(sysctl) ? stringAt(sysctl, 'name') : '';
      if (allowed.has(name)) return;
      forbidden.push(name);
      path ??= ['securityContext', 'sysctls', i, 'name'];
    });
    if (forbidden.length === 0) return ALLOWED;
    return { allowed: false, reason: 'forbidden sysctls', detail: forbidden.join(', '), path: path ?? [] };
  };
}

/**
 * Baseline `sysctls` (policy/check_sysctls.go): only the safe, namespaced sysctls; the list grows at
 * 1.27, 1.29, 1.32 and 1.37. Forbidden names are listed in pod order, unquoted, duplicates kept.
 */
export const sysctls: PssCheckDefinition = {
  id: 'sysctls',
  level: 'baseline',
  revisions: [
    { minimumMinor: 0, check: sysctlsFor(SAFE_V1_0) },
    { minimumMinor: 27, check: sysctlsFor(SAFE_V1_27) },
    { minimumMinor: 29, check: sysctlsFor(SAFE_V1_29) },
    { minimumMinor: 32, check: sysctlsFor(SAFE_V1_32) },
    { minimumMinor: 37, check: sysctlsFor(SAFE_V1_37) },
  ],
};
