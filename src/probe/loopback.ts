import { isIP } from 'node:net';

/**
 * True for a literal loopback host: `localhost`, 127.0.0.0/8 or ::1. Probes only go to such hosts:
 * kubeward audits the node it runs on and never scans other machines.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}
