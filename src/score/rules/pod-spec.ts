import type { FieldPath } from '../../model/path.ts';
import { WORKLOAD_KINDS } from '../rule.ts';
import type { ScoreInput, ScoreRule } from '../rule.ts';
import { NO_MATCH, podPath, present } from './fields.ts';

function podFieldIs(field: string, expected: boolean): (input: ScoreInput) => readonly FieldPath[] {
  const path: FieldPath = [field];
  return (input) => (input.podSpec[field] === expected ? [podPath(input, path)] : NO_MATCH);
}

function podFieldPresent(field: string): (input: ScoreInput) => readonly FieldPath[] {
  const path: FieldPath = [field];
  return (input) => (present(input.podSpec, field) ? [podPath(input, path)] : NO_MATCH);
}

/** kubesec HostNetwork (pkg/rules/hostNetwork.go): `hostNetwork` is the boolean true. */
export const hostNetwork: ScoreRule = {
  id: 'HostNetwork',
  selector: '.spec .hostNetwork == true',
  reason:
    "Sharing the host's network namespace permits processes in the pod to communicate with processes bound to the host's loopback adapter",
  points: -9,
  kinds: WORKLOAD_KINDS,
  match: podFieldIs('hostNetwork', true),
};

/** kubesec HostPID (pkg/rules/hostPID.go). */
export const hostPID: ScoreRule = {
  id: 'HostPID',
  selector: '.spec .hostPID == true',
  reason:
    "Sharing the host's PID namespace allows visibility of processes on the host, potentially leaking information such as environment variables and configuration",
  points: -9,
  kinds: WORKLOAD_KINDS,
  match: podFieldIs('hostPID', true),
};

/** kubesec HostIPC (pkg/rules/hostIPC.go). */
export const hostIPC: ScoreRule = {
  id: 'HostIPC',
  selector: '.spec .hostIPC == true',
  reason:
    "Sharing the host's IPC namespace allows container processes to communicate with processes on the host",
  points: -9,
  kinds: WORKLOAD_KINDS,
  match: podFieldIs('hostIPC', true),
};

/** kubesec ServiceAccountName: any non-null value, even `""`, earns the points. */
export const serviceAccountName: ScoreRule = {
  id: 'ServiceAccountName',
  selector: '.spec .serviceAccountName',
  reason: 'Service accounts restrict Kubernetes API access and should be configured with least privilege',
  points: 3,
  kinds: WORKLOAD_KINDS,
  match: podFieldPresent('serviceAccountName'),
};

/** kubesec HostAliases: any non-null value, even `[]`, costs the points. */
export const hostAliases: ScoreRule = {
  id: 'HostAliases',
  selector: '.spec .hostAliases',
  reason:
    "Managing /etc/hosts aliases can prevent the container from modifying the file after a pod's containers have already been started. DNS should be managed by the orchestrator",
  points: -3,
  kinds: WORKLOAD_KINDS,
  match: podFieldPresent('hostAliases'),
};

/** kubesec AutomountServiceAccountToken: the pod spec's boolean false. */
export const automountServiceAccountToken: ScoreRule = {
  id: 'AutomountServiceAccountToken',
  selector: '.spec .automountServiceAccountToken == false',
  reason: 'Disabling the automounting of Service Account Token reduces the attack surface of the API server',
  points: 1,
  kinds: WORKLOAD_KINDS,
  match: podFieldIs('automountServiceAccountToken', false),
};

/** kubesec HostUsers (HEAD only): the pod spec's boolean false. */
export const hostUsers: ScoreRule = {
  id: 'HostUsers',
  selector: '.spec .hostUsers == false',
  reason:
    'A user namespace for a Pod is enabled by setting the hostUsers field of Pod .spec, which can prevent various attacks',
  points: 1,
  kinds: WORKLOAD_KINDS,
  match: podFieldIs('hostUsers', false),
};
