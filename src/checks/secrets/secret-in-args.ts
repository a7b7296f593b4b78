import { containersOf } from '../../model/containers.ts';
import type { WorkloadCheck, Violation } from '../../model/check.ts';
import { credentialFormatIn, isSecretName, looksLikeSecretValue } from './credential.ts';

/** `--db-password=value`, `-token=value`, `password=value`. */
const OPTION_WITH_VALUE = /^-{0,2}([A-Za-z][\w.-]*)=(.+)$/s;
/** `--password` followed by its value in the next word. */
const OPTION = /^-{1,2}([A-Za-z][\w.-]*)$/;

/**
 * Why one word of a command line (with the word before it) carries a credential: a known format,
 * or an option with a credential-like name and a secret-looking value.
 */
function argumentSecret(word: string, previous: string | undefined): string | undefined {
  const format = credentialFormatIn(word);
  if (format !== undefined) return format;
  const inline = OPTION_WITH_VALUE.exec(word);
  if (inline?.[1] !== undefined && inline[2] !== undefined) {
    return isSecretName(inline[1]) && looksLikeSecretValue(inline[2]) ? `option ${inline[1]}` : undefined;
  }
  const option = previous === undefined ? null : OPTION.exec(previous);
  if (
    option?.[1] !== undefined &&
    !word.startsWith('-') &&
    isSecretName(option[1]) &&
    looksLikeSecretValue(word)
  ) {
    return `option ${option[1]}`;
  }
  return undefined;
}

/** Credentials on the command line are visible in the manifest and in the node's process list. */
export const secretInArgs: WorkloadCheck = {
  id: 'secret-in-args',
  title: 'Credential in the container command or args',
  severity: 'high',
  theme: 'config',
  description:
    'A word of command or args holds a credential: a known format (private key, cloud key, token, JWT, password in a URL), or the value of an option with a credential-like name (--password=..., --api-token ...) that passes the entropy guard. Command lines are stored in the manifest and visible to every process on the node through /proc.',
  remediation:
    'Rotate the credential; pass it as a file from a Secret volume (most programs accept --password-file) or from an environment variable referencing a Secret.',
  nsa: ['secrets'],
  mitre: ['T1552.001', 'T1552.007'],
  references: ['KubeLinter: env-var-secret', 'Kubescape: C-0012', 'Polaris: sensitiveContainerEnvVar'],
  target: 'workload',
  run(workload): Violation[] {
    const violations: Violation[] = [];
    for (const { container, path, name } of containersOf(workload.podSpec)) {
      for (const field of ['command', 'args'] as const) {
        const words = container[field];
        if (!Array.isArray(words)) continue;
        for (const [index, word] of words.entries()) {
          if (typeof word !== 'string') continue;
          const before: unknown = index > 0 ? words[index - 1] : undefined;
          const reason = argumentSecret(word, typeof before === 'string' ? before : undefined);
          if (reason === undefined) continue;
          violations.push({
            path: [...path, field, index],
            message: `container "${name}" ${field}[${String(index)}] holds a literal credential (${reason})`,
          });
        }
      }
    }
    return violations;
  },
};
