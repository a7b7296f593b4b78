import { Option } from 'commander';
import { INGRESS_NGINX_CONTROLLER } from '../../netpol/ingress/controller.ts';

/** `--ingress-controller`: the pods that send every Ingress's traffic. */
export function ingressControllerOption(): Option {
  return new Option(
    '--ingress-controller <namespace/selector>',
    "the ingress controller's pods, NAMESPACE/LABEL-SELECTOR (kubectl -l syntax); modelled as {ingress-controller} when the input has none of them",
  ).default(INGRESS_NGINX_CONTROLLER);
}

/** `--gateway-controller`: the pods that send the traffic of every Gateway's routes. */
export function gatewayControllerOption(): Option {
  return new Option(
    '--gateway-controller <namespace/selector>',
    "the pods of every Gateway, NAMESPACE/LABEL-SELECTOR (default: each Gateway's own, in its namespace with label gateway.networking.k8s.io/gateway-name=NAME, as GEP-1762 has in-cluster implementations deploy them; modelled as {gateway NAMESPACE/NAME} when the input has none)",
  );
}
