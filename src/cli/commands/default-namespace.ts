import { InvalidArgumentError, Option } from 'commander';
import { DEFAULT_NAMESPACE } from '../../model/scope.ts';

/** A DNS-1123 label, what a Namespace name must be (k8s.io/apimachinery validation `IsDNS1123Label`). */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function parseNamespace(text: string): string {
  if (!DNS1123_LABEL.test(text))
    throw new InvalidArgumentError(
      'a namespace name is a DNS-1123 label: at most 63 lowercase letters, digits and -, starting and ending with a letter or digit',
    );
  return text;
}

/**
 * `--default-namespace NS` of every command that reads manifests: the namespace of namespaced objects
 * that name none, as `kubectl apply -n NS` would place them. Every engine reads it through the
 * inventory (`namespaceOf`), so one flag gives one answer in every view.
 */
export function defaultNamespaceOption(): Option {
  return new Option(
    '--default-namespace <name>',
    'namespace of namespaced objects that name none, as kubectl apply -n NAME places them',
  )
    .argParser(parseNamespace)
    .default(DEFAULT_NAMESPACE);
}
