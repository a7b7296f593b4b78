/** The formats of `kubeward netpol ingress -o`. */
export const ROUTE_FORMATS = ['table', 'md', 'json'] as const;

/** One of {@link ROUTE_FORMATS}. */
export type RouteFormat = (typeof ROUTE_FORMATS)[number];
