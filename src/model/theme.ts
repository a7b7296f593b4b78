/**
 * The eleven hardening themes of "11 ways (not) to get hacked", in the guide's order.
 * Every check belongs to exactly one theme; the scan summary is grouped by them.
 */
export const THEMES = [
  { id: 'tls', title: 'TLS everywhere' },
  { id: 'rbac', title: 'RBAC, least privilege and audit logging' },
  { id: 'authn', title: 'Third-party authentication' },
  { id: 'etcd', title: 'etcd isolation' },
  { id: 'keys', title: 'Key and certificate rotation' },
  { id: 'linux', title: 'Linux security features' },
  { id: 'config', title: 'Static analysis of YAML; no secrets in config' },
  { id: 'nonroot', title: 'Non-root containers' },
  { id: 'network', title: 'Network policies' },
  { id: 'supply', title: 'Image supply chain and admission' },
  { id: 'mesh', title: 'Service mesh and mTLS' },
] as const;

/** A theme id such as `linux` or `network`. */
export type Theme = (typeof THEMES)[number]['id'];

/** Type guard for theme ids. */
export function isTheme(value: unknown): value is Theme {
  return THEMES.some((theme) => theme.id === value);
}
