import { getAt } from '../../model/path.ts';
import type { FieldPath } from '../../model/path.ts';
import type { ScoreInput, ScoreRule } from '../rule.ts';
import { containerPath, present } from './fields.ts';

const SEL_SECRETS = ['containers', 'initContainers', 'ephemeralContainers']
  .flatMap((list) => [`.spec .${list}[] .env[] .valueFrom .secretKeyRef`])
  .concat(
    ['containers', 'initContainers', 'ephemeralContainers'].map(
      (list) => `.spec .${list}[] .envFrom[] .secretRef`,
    ),
  )
  .join(' | ');

function secretReferences(input: ScoreInput): readonly FieldPath[] {
  const paths: FieldPath[] = [];
  for (const container of input.containers) {
    const { env, envFrom } = container.container;
    if (Array.isArray(env))
      env.forEach((variable: unknown, i) => {
        if (present(getAt(variable, ['valueFrom']), 'secretKeyRef'))
          paths.push(containerPath(input, container, ['env', i, 'valueFrom', 'secretKeyRef']));
      });
    if (Array.isArray(envFrom))
      envFrom.forEach((source: unknown, i) => {
        if (present(source, 'secretRef'))
          paths.push(containerPath(input, container, ['envFrom', i, 'secretRef']));
      });
  }
  return paths;
}

/** kubesec HEAD SecretsAsEnvironmentVariables: a container takes a Secret through `env` or `envFrom`. */
export const secretsAsEnvironmentVariables: ScoreRule = {
  id: 'SecretsAsEnvironmentVariables',
  selector: SEL_SECRETS,
  reason:
    'Secrets passed as environment variables can be easily exposed through application logs, crash dumps, and system process inspection',
  points: -5,
  kinds: ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'],
  match: secretReferences,
};
