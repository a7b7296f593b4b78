import type { FieldPath } from '../../model/path.ts';
import { isRecord } from '../../model/path.ts';
import type { PssCheckDefinition, PssCheckResult } from '../check.ts';
import { ALLOWED } from '../check.ts';
import { joinQuote, pluralize, sortedSet } from '../format.ts';
import type { PodView } from '../pod.ts';
import { containers, listAt } from '../pod.ts';

function hostPortsV1Dot0(pod: PodView): PssCheckResult {
  const bad: string[] = [];
  const portNumbers: string[] = [];
  let path: FieldPath | undefined;
  for (const ref of containers(pod)) {
    let valid = true;
    const ports = listAt(ref.container, 'ports');
    for (let i = 0; i < ports.length; i++) {
      const port = ports[i];
      if (!isRecord(port) || typeof port.hostPort !== 'number' || port.hostPort === 0) continue;
      valid = false;
      portNumbers.push(String(port.hostPort));
      path ??= [...ref.path, 'ports', i, 'hostPort'];
    }
    if (!valid) bad.push(ref.name);
  }
  if (bad.length === 0) return ALLOWED;
  const distinct = sortedSet(portNumbers);
  return {
    allowed: false,
    reason: 'hostPort',
    detail: `${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('hostPort', 'hostPorts', distinct.length)} ${distinct.join(', ')}`,
    path: path ?? [],
  };
}

/** Baseline `hostPorts` (policy/check_hostPorts.go): every hostPort unset or 0; ports listed as sorted strings. */
export const hostPorts: PssCheckDefinition = {
  id: 'hostPorts',
  level: 'baseline',
  revisions: [{ minimumMinor: 0, check: hostPortsV1Dot0 }],
};
