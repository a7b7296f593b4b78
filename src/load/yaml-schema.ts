import { Schema, YAML11_SCHEMA } from './js-yaml.ts';

const TIMESTAMP = 'tag:yaml.org,2002:timestamp';
const BINARY = 'tag:yaml.org,2002:binary';

/**
 * YAML as Kubernetes reads it (sigs.k8s.io/yaml over goyaml.v2): YAML 1.1 scalars, so `yes`, `on`
 * and `y` are true, `0644` is octal, and `<<` merge keys work. Timestamps and `!!binary` stay
 * strings, as they do once Kubernetes converts the document to JSON.
 */
export const KUBERNETES_YAML_SCHEMA = new Schema(
  YAML11_SCHEMA.tags.filter((tag) => tag.tagName !== TIMESTAMP && tag.tagName !== BINARY),
);
