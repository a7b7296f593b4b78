import { Serialize, Spec } from '@cyclonedx/cyclonedx-library';
import type { Models } from '@cyclonedx/cyclonedx-library';

/** A BOM as CycloneDX 1.6 JSON, lists sorted so that the same image gives the same text. */
export function renderSbomJson(bom: Models.Bom): string {
  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  return `${serializer.serialize(bom, { sortLists: true, space: 2 })}\n`;
}
