import type { FieldPath, Mapping } from '../../model/path.ts';
import type { PssCheckDefinition, PssCheckResult } from '../check.ts';
import { ALLOWED } from '../check.ts';
import { joinQuote, pluralize, sortedSet } from '../format.ts';
import type { PodView } from '../pod.ts';
import { containers, mappingAt, stringAt } from '../pod.ts';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HOOKS = ['postStart', 'preStop'] as const;
const ACTIONS = ['httpGet', 'tcpSocket'] as const;

/** Non-empty `host` values of a probe or lifecycle handler, with their paths. */
function hostsOf(handler: Mapping | undefined, path: FieldPath): { host: string; path: FieldPath }[] {
  return ACTIONS.flatMap((action) => {
    const host = stringAt(mappingAt(handler, action), 'host');
    return host === '' ? [] : [{ host, path: [...path, action, 'host'] }];
  });
}

/** True when some httpGet or tcpSocket of the handler names a host. */
function handlerNamesHost(handler: Mapping | undefined): boolean {
  for (const action of ACTIONS) if (stringAt(mappingAt(handler, action), 'host') !== '') return true;
  return false;
}

/** True when some probe or lifecycle hook of the container names a host. */
function containerNamesHost(container: Mapping): boolean {
  for (const probe of PROBES) if (handlerNamesHost(mappingAt(container, probe))) return true;
  const lifecycle = mappingAt(container, 'lifecycle');
  for (const hook of HOOKS) if (handlerNamesHost(mappingAt(lifecycle, hook))) return true;
  return false;
}

function hostProbesAndHostLifecycleV1Dot34(pod: PodView): PssCheckResult {
  if (!containers(pod).some((ref) => containerNamesHost(ref.container))) return ALLOWED;
  const bad: string[] = [];
  const hosts: string[] = [];
  let path: FieldPath | undefined;
  for (const ref of containers(pod)) {
    const lifecycle = mappingAt(ref.container, 'lifecycle');
    const found = [
      ...PROBES.flatMap((probe) => hostsOf(mappingAt(ref.container, probe), [...ref.path, probe])),
      ...HOOKS.flatMap((hook) => hostsOf(mappingAt(lifecycle, hook), [...ref.path, 'lifecycle', hook])),
    ];
    if (found.length === 0) continue;
    bad.push(ref.name);
    for (const entry of found) hosts.push(entry.host);
    path ??= found[0]?.path;
  }
  if (bad.length === 0) return ALLOWED;
  const names = sortedSet(bad);
  const distinct = sortedSet(hosts);
  return {
    allowed: false,
    reason: 'probe or lifecycle host',
    detail: `${pluralize('container', 'containers', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', distinct.length)} ${joinQuote(distinct)}`,
    path: path ?? [],
  };
}

/**
 * Baseline `hostProbesAndHostLifecycle` (policy/check_hostProbesAndhostLifecycle.go, new in 1.34):
 * no `host` on probes' or lifecycle hooks' httpGet/tcpSocket. Unlike most checks, container names
 * and hosts are both sorted sets.
 */
export const hostProbesAndHostLifecycle: PssCheckDefinition = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  revisions: [{ minimumMinor: 34, check: hostProbesAndHostLifecycleV1Dot34 }],
};
