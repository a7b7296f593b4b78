import { create, createFileRegistry } from '@bufbuild/protobuf';
import type { DescMessage } from '@bufbuild/protobuf';
import type { ReflectMessage } from '@bufbuild/protobuf/reflect';
import {
  FieldDescriptorProto_Label,
  FieldDescriptorProto_Type,
  FileDescriptorProtoSchema,
} from '@bufbuild/protobuf/wkt';
import { objectType } from '@bufbuild/cel';
import type { CelObjectType } from '@bufbuild/cel';

/**
 * Opaque CEL types of the Kubernetes libraries (Quantity, URL, IP, CIDR, Format, Optional).
 * `@bufbuild/cel` only knows protobuf messages as object types, so each opaque value is a one-field
 * message holding its canonical text; `type(quantity("1"))` prints `kubernetes.Quantity`.
 */
const OPAQUE_NAMES = ['Quantity', 'URL', 'IP', 'CIDR', 'Format', 'Optional'] as const;

/** The name of one opaque type. */
export type OpaqueName = (typeof OPAQUE_NAMES)[number];

const file = create(FileDescriptorProtoSchema, {
  name: 'kubeward/policy/opaque.proto',
  package: 'kubernetes',
  syntax: 'proto3',
  messageType: OPAQUE_NAMES.map((name) => ({
    name,
    field: [
      {
        name: 'text',
        jsonName: 'text',
        number: 1,
        type: FieldDescriptorProto_Type.STRING,
        label: FieldDescriptorProto_Label.OPTIONAL,
      },
    ],
  })),
});

/** Registry holding the opaque message types; give it to `celEnv`. */
export const OPAQUE_REGISTRY = createFileRegistry(file, () => undefined);

function descriptor(name: OpaqueName): DescMessage {
  const desc = OPAQUE_REGISTRY.getMessage(`kubernetes.${name}`);
  if (desc === undefined) throw new Error(`opaque type ${name} is not registered`);
  return desc;
}

/** CEL object types of the opaque values, by name. */
export const OPAQUE: Readonly<Record<OpaqueName, CelObjectType>> = Object.fromEntries(
  OPAQUE_NAMES.map((name) => [name, objectType(descriptor(name))]),
) as Record<OpaqueName, CelObjectType>;

/** Makes an opaque value carrying `text` (a function result accepted by `celFunc`). */
export function opaque(name: OpaqueName, text: string): ReflectMessage {
  return create(descriptor(name), { text }) as never;
}

/** The text an opaque value carries. */
export function opaqueText(value: ReflectMessage): string {
  const field = value.desc.fields[0];
  if (field === undefined) return '';
  const text: unknown = value.get(field);
  return typeof text === 'string' ? text : '';
}
