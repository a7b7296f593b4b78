import { CIS_FRAMEWORK } from './cis.ts';
import type { Framework, FrameworkId } from './framework.ts';
import { MITRE_ATTACK_CONTAINERS } from './mitre.ts';
import { NSA_CISA_HARDENING } from './nsa.ts';
import { POD_SECURITY_STANDARDS } from './pss.ts';

/** The frameworks whose catalogue kubeward carries, by id. */
export const FRAMEWORK_CATALOGUES: Readonly<Record<FrameworkId, Framework>> = {
  nsa: NSA_CISA_HARDENING,
  mitre: MITRE_ATTACK_CONTAINERS,
  cis: CIS_FRAMEWORK,
  pss: POD_SECURITY_STANDARDS,
};
