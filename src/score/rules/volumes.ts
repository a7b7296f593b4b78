import { getAt } from '../../model/path.ts';
import type { FieldPath } from '../../model/path.ts';
import { WORKLOAD_KINDS } from '../rule.ts';
import type { ScoreInput, ScoreRule } from '../rule.ts';
import { podPath } from './fields.ts';

/** hostPath volumes whose path contains `needle` (kubesec searches the text, so `/proc` matches `/proc/1`). */
function hostPathsContaining(needle: string): (input: ScoreInput) => readonly FieldPath[] {
  return (input) => {
    const volumes = input.podSpec.volumes;
    if (!Array.isArray(volumes)) return [];
    const paths: FieldPath[] = [];
    volumes.forEach((volume: unknown, index) => {
      const path = getAt(volume, ['hostPath', 'path']);
      if (typeof path === 'string' && path.includes(needle))
        paths.push(podPath(input, ['volumes', index, 'hostPath', 'path']));
    });
    return paths;
  };
}

/** kubesec DockerSock: a hostPath volume on `/var/run/docker.sock`. */
export const dockerSock: ScoreRule = {
  id: 'DockerSock',
  selector: 'volumes[] .hostPath .path == /var/run/docker.sock',
  reason:
    'Mounting the docker.socket leaks information about other containers and can allow container breakout',
  points: -9,
  kinds: WORKLOAD_KINDS,
  match: hostPathsContaining('/var/run/docker.sock'),
};

/** kubesec ProcMount: a hostPath volume whose path contains `/proc`. */
export const procMount: ScoreRule = {
  id: 'ProcMount',
  selector: 'volumes[] .hostPath .path == /proc',
  reason:
    'Mounting the proc directory from the host system into a container gives access to information about other containers running on the same host and can allow container breakout',
  points: -9,
  kinds: WORKLOAD_KINDS,
  match: hostPathsContaining('/proc'),
};
