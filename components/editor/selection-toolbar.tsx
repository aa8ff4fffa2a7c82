"use client";

import type { Editor } from "@tiptap/react";
import { startTransition, useEffect, useRef, useState } from "react";
import type { LabelInfo } from "@/components/annotations/types";

interface Position {
  top: number;
  left: number;
}

/** Where the toolbar goes: just below the end of the selection, inside the reader's box. */
function place(editor: Editor, box: HTMLElement, width: number): Position | null {
  const { selection } = editor.state;
  if (selection.empty) return null;
  const end = editor.view.coordsAtPos(selection.to, -1);
  const frame = box.getBoundingClientRect();
  const left = Math.min(Math.max(end.left - frame.left - width / 2, 0), Math.max(frame.width - width, 0));
  return { top: end.bottom - frame.top + 6, left };
}

/**
 * The labels at hand while text is selected. Buttons keep the editor's focus and selection
 * (mousedown is cancelled), so tagging by mouse needs no extra click back into the text.
 */
export function SelectionToolbar({ editor, labels, onTag }: { editor: Editor; labels: readonly LabelInfo[]; onTag: (label: LabelInfo, exact: boolean) => void }) {
  const [position, setPosition] = useState<Position | null>(null);
  const toolbar = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // At transition priority: a keystroke's own change (a new highlight, a moved caret) is drawn
    // first. A synchronous render here would also make React measure the selection inside the
    // focused 1 MB text on commit, in the keystroke.
    const update = () => {
      const box = toolbar.current?.parentElement;
      const focused = editor.view.hasFocus() || toolbar.current?.contains(document.activeElement);
      const next = box && focused ? place(editor, box, toolbar.current?.offsetWidth ?? 240) : null;
      startTransition(() => setPosition(next));
    };
    const onBlur = ({ event }: { event: FocusEvent }) => {
      if (!toolbar.current?.contains(event.relatedTarget as Node | null)) setPosition(null);
    };
    editor.on("selectionUpdate", update);
    editor.on("focus", update);
    editor.on("blur", onBlur);
    return () => {
      editor.off("selectionUpdate", update);
      editor.off("focus", update);
      editor.off("blur", onBlur);
    };
  }, [editor]);

  return (
    <div
      ref={toolbar}
      role="toolbar"
      aria-label="Tag the selection"
      data-testid="selection-toolbar"
      hidden={!position}
      className="absolute z-20 flex max-w-full [&[hidden]]:hidden flex-wrap gap-1 rounded-md border border-slate-200 bg-white p-1 shadow-lg"
      style={position ?? { top: 0, left: 0 }}
      onKeyDown={(event) => {
        if (event.key === "Escape") editor.view.focus();
      }}
    >
      {labels.map((label) => (
        <button
          key={label.id}
          type="button"
          aria-label={`Tag as ${label.name}`}
          aria-keyshortcuts={label.hotkey ?? undefined}
          className="inline-flex h-7 items-center gap-1.5 rounded px-2 text-xs font-medium text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-slate-900"
          onMouseDown={(event) => event.preventDefault()}
          onClick={(event) => onTag(label, event.altKey)}
        >
          <span aria-hidden className="size-2.5 rounded-sm" style={{ backgroundColor: label.color }} />
          {label.name}
          {label.hotkey && (
            <kbd aria-hidden className="rounded border border-slate-300 px-1 font-mono text-[10px] text-slate-600">
              {label.hotkey}
            </kbd>
          )}
        </button>
      ))}
    </div>
  );
}
