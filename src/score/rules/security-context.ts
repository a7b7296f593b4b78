import type { FieldPath } from '../../model/path.ts';
import { WORKLOAD_KINDS } from '../rule.ts';
import type { ScoreRule } from '../rule.ts';
import { containersWhere, inheritedWhere, textOf } from './fields.ts';

/** The securityContext fields the rules read. */
const READ_ONLY_ROOT_FILESYSTEM: FieldPath = ['readOnlyRootFilesystem'];
const RUN_AS_NON_ROOT: FieldPath = ['runAsNonRoot'];
const RUN_AS_USER: FieldPath = ['runAsUser'];
const RUN_AS_GROUP: FieldPath = ['runAsGroup'];
const PRIVILEGED: FieldPath = ['privileged'];
const CAPABILITIES_ADD: FieldPath = ['capabilities', 'add'];
const CAPABILITIES_DROP: FieldPath = ['capabilities', 'drop'];
const ALLOW_PRIVILEGE_ESCALATION: FieldPath = ['allowPrivilegeEscalation'];

const isTrue = (value: unknown): boolean => value === true;
const isBoolean = (value: unknown): boolean => typeof value === 'boolean';
const isNumber = (value: unknown): boolean => typeof value === 'number';
const aboveUid10000 = (value: unknown): boolean => typeof value === 'number' && value > 10000;

/** kubesec ReadOnlyRootFilesystem: some container sets it to the boolean true (no pod-level field exists). */
export const readOnlyRootFilesystem: ScoreRule = {
  id: 'ReadOnlyRootFilesystem',
  selector: 'containers[] .securityContext .readOnlyRootFilesystem == true',
  reason:
    'An immutable root filesystem can prevent malicious binaries being added to PATH and increase attack cost',
  points: 1,
  kinds: WORKLOAD_KINDS,
  match: (input) => containersWhere(input, READ_ONLY_ROOT_FILESYSTEM, isTrue),
};

/** kubesec RunAsNonRoot: a container's own true, or the pod's true inherited by a container leaving it unset. */
export const runAsNonRoot: ScoreRule = {
  id: 'RunAsNonRoot',
  selector: '.spec, .spec.containers[] | .securityContext .runAsNonRoot == true',
  reason: 'Force the running image to run as a non-root user to ensure least privilege',
  points: 1,
  kinds: WORKLOAD_KINDS,
  match: (input) => inheritedWhere(input, RUN_AS_NON_ROOT, isBoolean, isTrue),
};

/** kubesec RunAsUser: as RunAsNonRoot, a number above 10000. */
export const runAsUser: ScoreRule = {
  id: 'RunAsUser',
  selector: '.spec, .spec.containers[] | .securityContext .runAsUser -gt 10000',
  reason: "Run as a high-UID user to avoid conflicts with the host's users",
  points: 1,
  kinds: WORKLOAD_KINDS,
  match: (input) => inheritedWhere(input, RUN_AS_USER, isNumber, aboveUid10000),
};

/** kubesec RunAsGroup: as RunAsNonRoot, a number above 10000. */
export const runAsGroup: ScoreRule = {
  id: 'RunAsGroup',
  selector: '.spec, .spec.containers[] | .securityContext .runAsGroup -gt 10000',
  reason: "Run as a high-UID group to avoid conflicts with the host's groups",
  points: 1,
  kinds: WORKLOAD_KINDS,
  match: (input) => inheritedWhere(input, RUN_AS_GROUP, isNumber, aboveUid10000),
};

/** kubesec Privileged: some container is privileged (boolean true). */
export const privileged: ScoreRule = {
  id: 'Privileged',
  selector: 'containers[] .securityContext .privileged == true',
  reason: 'Privileged containers can allow almost completely unrestricted host access',
  points: -30,
  kinds: WORKLOAD_KINDS,
  match: (input) => containersWhere(input, PRIVILEGED, isTrue),
};

/** kubesec CapSysAdmin: the text of some container's `capabilities.add` contains `SYS_ADMIN` (substring). */
export const capSysAdmin: ScoreRule = {
  id: 'CapSysAdmin',
  selector: 'containers[] .securityContext .capabilities .add == SYS_ADMIN',
  reason: 'CAP_SYS_ADMIN is the most privileged capability and should always be avoided',
  points: -30,
  kinds: WORKLOAD_KINDS,
  match: (input) => containersWhere(input, CAPABILITIES_ADD, (add) => textOf(add).includes('SYS_ADMIN')),
};

/** kubesec CapDropAny: some container drops a non-empty list of capabilities with no null item. */
export const capDropAny: ScoreRule = {
  id: 'CapDropAny',
  selector: 'containers[] .securityContext .capabilities .drop',
  reason: 'Reducing kernel capabilities available to a container limits its attack surface',
  points: 1,
  kinds: WORKLOAD_KINDS,
  match: (input) =>
    containersWhere(
      input,
      CAPABILITIES_DROP,
      (drop) => Array.isArray(drop) && drop.length > 0 && drop.every((item) => item !== null),
    ),
};

/** kubesec CapDropAll: the upper-cased text of some container's `capabilities.drop` contains `ALL`. */
export const capDropAll: ScoreRule = {
  id: 'CapDropAll',
  selector: 'containers[] .securityContext .capabilities .drop | index("ALL")',
  reason: 'Drop all capabilities and add only those required to reduce syscall attack surface',
  points: 1,
  kinds: WORKLOAD_KINDS,
  match: (input) =>
    containersWhere(input, CAPABILITIES_DROP, (drop) => textOf(drop).toUpperCase().includes('ALL')),
};

/** kubesec AllowPrivilegeEscalation: some container allows it (boolean true). */
export const allowPrivilegeEscalation: ScoreRule = {
  id: 'AllowPrivilegeEscalation',
  selector: 'containers[] .securityContext .allowPrivilegeEscalation == true',
  reason: 'Ensure a non-root process can not gain more privileges',
  points: -7,
  kinds: WORKLOAD_KINDS,
  match: (input) => containersWhere(input, ALLOW_PRIVILEGE_ESCALATION, isTrue),
};
