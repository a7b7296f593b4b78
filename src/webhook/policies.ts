import { load } from '../load/load.ts';
import { ConfigError } from '../model/errors.ts';
import { admissionSuite } from '../policy/vap/run-vap.ts';
import type { AdmissionPolicies } from './evaluate.ts';

/**
 * Loads ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding manifests (the files
 * `kubeward test` runs) for the webhook to enforce. Other objects in those files serve as params.
 * Fails closed: an unreadable file or a policy that does not compile is a ConfigError, so the server
 * does not start with half its policies. Test modules (.ts/.js) are not loaded: the webhook runs no
 * user code.
 */
export async function loadAdmissionPolicies(paths: readonly string[]): Promise<AdmissionPolicies> {
  const loaded = await load(paths, { recursive: true });
  const error = loaded.diagnostics.find((diagnostic) => diagnostic.level === 'error');
  if (error)
    throw new ConfigError(`${error.file}:${String(error.line)}:${String(error.column)}: ${error.message}`);
  const suite = admissionSuite(loaded.resources);
  const problem = suite.problems[0];
  if (problem) throw new ConfigError(`${problem.file}:${String(problem.line)}: ${problem.message}`);
  if (suite.policies.length === 0)
    throw new ConfigError(`${paths.join(', ')}: no ValidatingAdmissionPolicy found`);
  return { suite, paramPool: loaded.resources };
}
