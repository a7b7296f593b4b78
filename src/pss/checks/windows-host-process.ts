import type { FieldPath } from '../../model/path.ts';
import type { PssCheckDefinition, PssCheckResult } from '../check.ts';
import { ALLOWED } from '../check.ts';
import { joinQuote, pluralize } from '../format.ts';
import type { PodView } from '../pod.ts';
import {
  containerField,
  containers,
  containerSecurityContext,
  mappingAt,
  podSecurityContext,
} from '../pod.ts';

function windowsHostProcessV1Dot0(pod: PodView): PssCheckResult {
  const setters: string[] = [];
  let path: FieldPath | undefined;
  if (mappingAt(podSecurityContext(pod), 'windowsOptions')?.hostProcess === true) {
    setters.push('pod');
    path = ['securityContext', 'windowsOptions', 'hostProcess'];
  }
  const bad: string[] = [];
  for (const ref of containers(pod)) {
    if (mappingAt(containerSecurityContext(ref), 'windowsOptions')?.hostProcess !== true) continue;
    bad.push(ref.name);
    path ??= containerField(ref, 'windowsOptions', 'hostProcess');
  }
  if (bad.length > 0) setters.push(`${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)}`);
  if (setters.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'hostProcess',
    detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`,
    path: path ?? [],
  };
}

/** Baseline `windowsHostProcess` (policy/check_windowsHostProcess.go): hostProcess unset or false on pod and containers. */
export const windowsHostProcess: PssCheckDefinition = {
  id: 'windowsHostProcess',
  level: 'baseline',
  revisions: [{ minimumMinor: 0, check: windowsHostProcessV1Dot0 }],
};
