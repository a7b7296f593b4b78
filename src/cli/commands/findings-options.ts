import { Option } from 'commander';
import { SEVERITIES } from '../../model/severity.ts';

/** `--fail-on SEVERITY` of every command that reports findings: what sets exit code 1. */
export function failOnOption(): Option {
  return new Option(
    '--fail-on <severity>',
    'exit 1 when a finding is at or above this severity (none: never)',
  ).choices([...SEVERITIES, 'none']);
}

/** `--config PATH` of every command that reads `.kubeward.yaml`. */
export function configOption(): Option {
  return new Option(
    '--config <path>',
    'config file (default: .kubeward.yaml in the working directory, if present)',
  );
}
