import type { InventoryCheck } from '../../model/check.ts';
import { checkModelOf } from '../../netpol/cache.ts';
import { ruleMatchesPeer, resolvePorts } from '../../netpol/engine.ts';
import { addressEndpoint } from '../../netpol/query.ts';
import { formatPorts, isEmptyPorts } from '../../netpol/ports.ts';
import { formatPath } from '../../model/path.ts';

/**
 * The cloud metadata endpoints: AWS/GCP/Azure/OpenStack 169.254.169.254 (also the address of
 * metadata.google.internal) and AWS's IPv6 fd00:ec2::254.
 */
const METADATA_ADDRESSES: readonly string[] = ['169.254.169.254', 'fd00:ec2::254'];

/** An egress rule that opens the cloud metadata API to the pods its policy isolates. */
export const netpolEgressMetadataApi: InventoryCheck = {
  id: 'netpol-egress-metadata-api',
  title: 'Egress rule allows the cloud metadata API',
  severity: 'high',
  theme: 'network',
  description:
    'The metadata API (169.254.169.254, fd00:ec2::254, metadata.google.internal) hands out node credentials and bootstrap secrets. An egress rule without peers, or with an ipBlock such as 0.0.0.0/0 that does not except it, lets the selected pods reach it.',
  remediation:
    'Except the metadata address from wide ipBlocks (except: [169.254.169.254/32]) or list only the destinations the workload needs.',
  nsa: ['cloud-infrastructure', 'network-policies'],
  references: [
    '11 ways (not) to get hacked: 9. use network policies (netassert metadata tests)',
    'Kubescape: C-0260',
    'HackerOne #341876',
  ],
  target: 'inventory',
  *run({ inventory, settings }) {
    const model = checkModelOf(inventory, settings);
    for (const policy of model.policies) {
      if (!policy.isolates.egress || (model.selected.get(policy) ?? []).length === 0) continue;
      for (const rule of model.rulesOf.get(policy)?.egress ?? []) {
        const reachable = METADATA_ADDRESSES.filter((address) => {
          const endpoint = addressEndpoint(address);
          return endpoint !== undefined && ruleMatchesPeer(rule, endpoint);
        });
        if (reachable.length === 0) continue;
        const ports = resolvePorts(rule.ports, undefined);
        if (isEmptyPorts(ports)) continue;
        yield {
          resource: policy.resource,
          path: rule.rule.path,
          message: `egress rule ${formatPath(rule.rule.path)} allows the cloud metadata API ${reachable.join(' and ')} (ports ${formatPorts(ports)})`,
        };
      }
    }
  },
};
