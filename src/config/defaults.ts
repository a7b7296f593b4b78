import type { Settings } from '../model/settings.ts';
import { INGRESS_NGINX_CONTROLLER } from '../netpol/ingress/controller.ts';

/** Settings used when `.kubeward.yaml` says nothing. */
export const DEFAULT_SETTINGS: Settings = {
  allowedRegistries: [],
  pssLevel: 'restricted',
  pssVersion: 'latest',
  pssSystemNamespaces: ['kube-system', 'kube-public', 'kube-node-lease'],
  certificateExpiryDays: 30,
  kubesecMinScore: 0,
  netpolIpBlockMatchesPods: false,
  netpolIngressController: INGRESS_NGINX_CONTROLLER,
  netpolGatewayController: '',
  kubernetesVersion: 'latest',
};
