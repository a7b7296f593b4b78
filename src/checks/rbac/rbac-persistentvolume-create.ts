import type { InventoryCheck } from '../../model/check.ts';
import type { Probe } from '../../rbac/grants.ts';
import { probeViolations } from '../../rbac/grants.ts';

const PROBES: readonly Probe[] = [{ verb: 'create', resource: 'persistentvolumes' }];

/** Role can create PersistentVolumes. */
export const rbacPersistentvolumeCreate: InventoryCheck = {
  id: 'rbac-persistentvolume-create',
  title: 'Role can create PersistentVolumes',
  severity: 'high',
  theme: 'rbac',
  description:
    'A subject that creates PersistentVolumes can create a hostPath volume and mount the node filesystem through a claim. Default (bootstrap-labelled and `system:`) bindings, and roles with a `*` on `*` in `*` rule (reported by rbac-wildcard-grant), are not reported.',
  remediation:
    'Leave PersistentVolume creation to storage provisioners; users need only PersistentVolumeClaims.',
  nsa: ['rbac'],
  mitre: ['T1611'],
  references: ['Kubernetes docs: rbac-good-practices#persistent-volume-creation'],
  cis: ['5.1.9'],
  target: 'inventory',
  run: (context) => probeViolations(context, PROBES),
};
