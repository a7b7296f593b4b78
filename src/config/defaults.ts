import type { Settings } from '../model/settings.ts';

/** Settings used when `.kubeward.yaml` says nothing. */
export const DEFAULT_SETTINGS: Settings = {
  allowedRegistries: [],
  pssLevel: 'restricted',
  pssVersion: 'latest',
  pssSystemNamespaces: ['kube-system', 'kube-public', 'kube-node-lease'],
  certificateExpiryDays: 30,
  kubesecMinScore: 0,
  netpolIpBlockMatchesPods: false,
  kubernetesVersion: 'latest',
};
