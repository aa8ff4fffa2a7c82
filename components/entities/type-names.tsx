import { ENTITY_TYPES } from "@/lib/annotations/attribute-values";

/** "armed_group" → "Armed group". */
export function typeName(type: string): string {
  const words = type.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The entity types as <option>s of a <select>, in the API's order. */
export function TypeOptions() {
  return ENTITY_TYPES.map((type) => (
    <option key={type} value={type}>
      {typeName(type)}
    </option>
  ));
}
