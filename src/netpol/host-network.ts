/**
 * How policies treat hostNetwork pods, which the NetworkPolicy docs leave to the plugin. `ignore`
 * (the common implementation): no selector selects them, they are reached as their node, and a
 * hostNetwork DaemonSet's traffic comes from every pod's own node. `pod`: ordinary pods.
 */
export type HostNetworkMode = 'ignore' | 'pod';

/** The values `--host-network` takes. */
export const HOST_NETWORK_MODES: readonly HostNetworkMode[] = ['ignore', 'pod'];
