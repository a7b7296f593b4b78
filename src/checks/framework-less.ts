/**
 * Checks that implement no control of the NSA/CISA guidance, the MITRE ATT&CK Containers matrix or
 * the Pod Security Standards, and why. Every other check maps to at least one control (tested).
 */
export const FRAMEWORK_LESS: Readonly<Record<string, string>> = {
  'host-aliases': 'name resolution hygiene: no framework control names /etc/hosts overrides',
  'liveness-probe-missing': 'availability, not hardening: no framework control asks for probes',
  'readiness-probe-missing': 'availability, not hardening: no framework control asks for probes',
  'naked-pod': 'reliability: a pod without a controller is not recreated; no control names it',
  'selector-template-mismatch': 'manifest correctness: the API server rejects the object',
  'duplicate-env-var': 'manifest correctness: the later value wins silently',
  'kubelet-protect-kernel-defaults': 'a kubelet setting only the CIS Benchmark names',
  'kubesec-score': "kubesec's aggregate score: the checks behind its rules carry the mappings",
};
