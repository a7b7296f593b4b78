import { dockerCredentials } from '../load/docker-credentials.ts';
import type { DockerConfigOptions, RegistryCredentials } from '../load/docker-credentials.ts';
import { RegistryClient } from './client.ts';
import type { RegistryOptions } from './client.ts';

/** How a client is made that logs in as docker does. */
export interface DockerClientOptions extends Omit<RegistryOptions, 'credentials'> {
  /** Where docker's config is (default: `$DOCKER_CONFIG`, else `~/.docker`). */
  readonly dockerConfig?: DockerConfigOptions | undefined;
}

/** A registry client with docker's credentials (config.json, credential helpers), looked up once per registry. */
export function dockerRegistryClient(options: DockerClientOptions): RegistryClient {
  const cache = new Map<string, Promise<RegistryCredentials | undefined>>();
  return new RegistryClient({
    ...options,
    credentials: (registry) => {
      let found = cache.get(registry);
      if (found === undefined) {
        found = dockerCredentials(registry, options.dockerConfig);
        cache.set(registry, found);
      }
      return found;
    },
  });
}
