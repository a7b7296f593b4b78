// Every init and regular container must request CPU and memory and limit memory, with the memory
// request no larger than the limit. Same results as required-resources.yaml.
import type { TestContext } from '../../src/policy/module/context.ts';
import { compareQuantities, parseQuantity } from '../../src/policy/cel/lib/quantity-value.ts';

export const kinds = ['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];

function quantityAt(
  container: Readonly<Record<string, unknown>>,
  group: string,
  name: string,
): string | undefined {
  const resources = container.resources;
  if (typeof resources !== 'object' || resources === null) return undefined;
  const values: unknown = (resources as Record<string, unknown>)[group];
  if (typeof values !== 'object' || values === null) return undefined;
  const value: unknown = (values as Record<string, unknown>)[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function isMissing(container: Readonly<Record<string, unknown>>): boolean {
  const cpu = quantityAt(container, 'requests', 'cpu');
  const memory = quantityAt(container, 'requests', 'memory');
  const limit = quantityAt(container, 'limits', 'memory');
  if (cpu === undefined || memory === undefined || limit === undefined) return true;
  const [cpuValue, memoryValue, limitValue] = [
    parseQuantity(cpu),
    parseQuantity(memory),
    parseQuantity(limit),
  ];
  if (cpuValue === undefined || memoryValue === undefined || limitValue === undefined) return true;
  return compareQuantities(memoryValue, limitValue) > 0;
}

export function testRequiredResources({ containers, fail }: TestContext): void {
  const missing = containers.filter(
    ({ field, container }) => field !== 'ephemeralContainers' && isMissing(container),
  );
  if (missing.length > 0)
    fail(
      `containers must request cpu and memory and limit memory (request <= limit): ${missing.map(({ name }) => name).join(', ')}`,
    );
}
