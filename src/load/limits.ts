/** Bounds that keep hostile input from exhausting time or memory. */
export const LIMITS = {
  /** Deepest collection nesting accepted; real manifests (CRD schemas included) stay far below. */
  maxDepth: 256,
  /** Most nodes one document may expand to through aliases (defeats "billion laughs"). */
  maxExpandedNodes: 1_000_000,
  /** Bytes inspected for NUL to tell binary files apart. */
  binarySniffBytes: 8192,
} as const;
