import type { Check } from '../../model/check.ts';
import { secretFromEnvVar } from './secret-from-env-var.ts';
import { secretInArgs } from './secret-in-args.ts';
import { secretInConfigmap } from './secret-in-configmap.ts';
import { secretInEnvValue } from './secret-in-env-value.ts';
import { secretManifestPlaintext } from './secret-manifest-plaintext.ts';
import { serviceAccountTokenSecret } from './service-account-token-secret.ts';

/** No secrets in YAML: credentials in env, args and ConfigMaps, plaintext Secrets, long-lived tokens. */
export const SECRET_CHECKS: readonly Check[] = [
  secretInEnvValue,
  secretInArgs,
  secretInConfigmap,
  secretManifestPlaintext,
  secretFromEnvVar,
  serviceAccountTokenSecret,
];
