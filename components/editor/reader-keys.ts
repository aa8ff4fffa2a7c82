import type { LabelInfo } from "@/components/annotations/types";

/** Keys the reader keeps for itself; a label cannot use them as its hotkey. */
export const RESERVED_KEYS = ["[", "]", "?"] as const;

const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

/** Ctrl on Linux and Windows, Cmd on macOS. */
export function hasMod(event: KeyboardEvent | React.KeyboardEvent): boolean {
  return isMac() ? event.metaKey : event.ctrlKey;
}

export function isUndo(event: KeyboardEvent): boolean {
  return hasMod(event) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === "z";
}

export function isRedo(event: KeyboardEvent): boolean {
  if (!hasMod(event) || event.altKey) return false;
  const key = event.key.toLowerCase();
  return (key === "z" && event.shiftKey) || (key === "y" && !event.shiftKey);
}

/**
 * The label whose hotkey this press is. With Alt held, macOS types another character ("¡" for
 * Alt+1), so the physical key (event.code) decides then.
 */
export function labelForKey(event: KeyboardEvent, labels: readonly LabelInfo[]): LabelInfo | undefined {
  if (event.ctrlKey || event.metaKey) return undefined;
  const byKey = (key: string) => labels.find((label) => label.hotkey && label.hotkey.toLowerCase() === key.toLowerCase());
  const direct = event.key.length === 1 ? byKey(event.key) : undefined;
  if (direct || !event.altKey) return direct;
  const code = /^(?:Digit|Numpad)(\d)$|^Key([A-Z])$/.exec(event.code);
  const key = code?.[1] ?? code?.[2];
  return key ? byKey(key) : undefined;
}

/** Annotations within the editor's root, innermost first, from a click target outwards. */
export function annotationIdsAt(target: EventTarget | null, root: Element): string[] {
  const ids: string[] = [];
  for (let el = target instanceof Element ? target : null; el && el !== root; el = el.parentElement) {
    const id = el.getAttribute("data-annotation-id");
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}
