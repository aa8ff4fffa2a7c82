import type { LabelKind } from "@/lib/db/generated/enums";

/** The labels every new project starts with; owners can add their own later. */
export const DEFAULT_LABELS: { name: string; kind: LabelKind; color: string; hotkey: string; description: string }[] = [
  { name: "Claim", kind: "claim", color: "#d97706", hotkey: "1", description: "A statement someone makes, attributed to its source" },
  { name: "Entity", kind: "entity", color: "#2563eb", hotkey: "2", description: "A person, organisation, armed group, place or event" },
  { name: "Figure", kind: "figure", color: "#059669", hotkey: "3", description: "A number with its qualifier and unit" },
];
