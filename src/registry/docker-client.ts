import { dockerCredentials } from '../load/docker-credentials.ts';
import type { DockerConfigOptions, RegistryCredentials } from '../load/docker-credentials.ts';
import { RegistryClient } from './client.ts';
import type { RegistryOptions } from './client.ts';

/** How a client is made that logs in as docker does. */
export interface DockerClientOptions extends Omit<RegistryOptions, 'credentials'> {
  /** Where docker's config is (default: `$DOCKER_CONFIG`, else `~/.docker`). */
  readonly dockerConfig?: DockerConfigOptions | undefined;
}

/** Docker's credentials for each registry, looked up once per registry (as docker finds them). */
function dockerCredentialLookup(
  dockerConfig?: DockerConfigOptions,
): (registry: string) => Promise<RegistryCredentials | undefined> {
  const cache = new Map<string, Promise<RegistryCredentials | undefined>>();
  return (registry) => {
    let found = cache.get(registry);
    if (found === undefined) {
      found = dockerCredentials(registry, dockerConfig);
      cache.set(registry, found);
    }
    return found;
  };
}

/** A registry client with docker's credentials (config.json, credential helpers), looked up once per registry. */
export function dockerRegistryClient(options: DockerClientOptions): RegistryClient {
  return new RegistryClient({ ...options, credentials: dockerCredentialLookup(options.dockerConfig) });
}
