"use client";

import type { Editor } from "@tiptap/react";
import { useEffect, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import type { SegmentTable } from "@/lib/text/editor-positions";
import { hasMod } from "./reader-keys";
import { useFind } from "./use-find";
import "./find-box.css";

/** A query taken from the selection: one short line, as a browser's find bar takes it. */
const MAX_PREFILL = 200;

/** Keys typed into another form field are that field's own (its Ctrl+F too). */
function isOtherField(target: EventTarget | null, own: HTMLElement | null): boolean {
  if (!(target instanceof HTMLElement) || target === own) return false;
  return target.matches("input, textarea, select") || (target.isContentEditable && !target.closest(".tw-reader"));
}

const isFind = (event: KeyboardEvent) => hasMod(event) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "f";
/** F3 / Shift+F3 and Ctrl+G / Ctrl+Shift+G (⌘G on macOS), as in browsers. */
const isFindAgain = (event: KeyboardEvent) => event.key === "F3" || (hasMod(event) && !event.altKey && event.key.toLowerCase() === "g");

function Icon({ path }: { path: string }) {
  return (
    <svg aria-hidden viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" strokeLinejoin="round">
      <path d={path} />
    </svg>
  );
}

const iconButton =
  "inline-flex size-7 shrink-0 items-center justify-center rounded text-slate-700 hover:bg-slate-100 hover:text-slate-900 " +
  "focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-slate-900 disabled:pointer-events-none disabled:opacity-40";

/**
 * Find in the document (Ctrl+F / ⌘F): the browser's own find sees only the lines the reader has
 * laid out, so the reader searches its canonical text itself. Sticky at the top of the reader;
 * Enter and Shift+Enter step through the matches, Escape returns to the text with the current
 * match selected (so a label's key tags it at once).
 */
export function FindBox({ editor, table }: { editor: Editor; table: SegmentTable }) {
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const find = useFind(editor, table, open);
  const latest = useRef({ open, find });
  latest.current = { open, find };

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isOtherField(event.target, input.current)) return;
      const { open: isOpen, find: current } = latest.current;
      if (isFind(event)) {
        event.preventDefault();
        const { from, to, empty } = editor.state.selection;
        const selected = empty ? "" : editor.state.doc.textBetween(from, to, "\n");
        const prefill = selected && !selected.includes("\n") && selected.length <= MAX_PREFILL && event.target !== input.current ? selected : null;
        current.start(prefill);
        setOpen(true);
        // The input exists after this render; focus it and select the query to type over it.
        requestAnimationFrame(() => {
          input.current?.focus();
          input.current?.select();
        });
      } else if (isOpen && isFindAgain(event)) {
        event.preventDefault();
        current.step(event.shiftKey ? -1 : 1);
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [editor]);

  if (!open) return null;

  const close = () => {
    find.revealCurrent();
    setOpen(false);
    editor.view.focus();
  };
  const { query, caseSensitive, count, current, truncated } = find;
  const status = query === "" ? "" : count === 0 ? "No matches" : `${(current + 1).toLocaleString("en-US")} of ${count.toLocaleString("en-US")}${truncated ? "+" : ""}`;

  return (
    // Zero height and sticky: the box floats over the top of the text, wherever the page is scrolled.
    <div className="sticky top-2 z-30 flex h-0 justify-end">
      <div
        role="search"
        aria-label="Find in the document"
        data-testid="find-box"
        className="flex h-10 items-center gap-1 rounded-md border border-slate-200 bg-white py-1 pl-2 pr-1 shadow-lg"
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            event.preventDefault();
            close();
          }
        }}
      >
        <input
          ref={input}
          type="search"
          aria-label="Find in the document"
          placeholder="Find in text"
          value={query}
          spellCheck={false}
          autoComplete="off"
          className="h-7 w-44 rounded border border-slate-300 bg-white px-2 text-sm text-slate-900 placeholder:text-slate-500 focus-visible:border-slate-900 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-slate-900 [&::-webkit-search-cancel-button]:hidden"
          onChange={(event) => find.search(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              find.step(event.shiftKey ? -1 : 1);
            }
          }}
        />
        <span role="status" aria-live="polite" data-testid="find-count" className="min-w-[5.5rem] px-1 text-right text-xs tabular-nums text-slate-600">
          {status}
        </span>
        <button
          type="button"
          aria-label="Match case"
          aria-pressed={caseSensitive}
          title="Match case"
          className={cn(iconButton, "w-8 font-mono text-xs font-semibold", caseSensitive && "bg-slate-900 text-white hover:bg-slate-800 hover:text-white")}
          onClick={() => find.setCaseSensitive(!caseSensitive)}
        >
          Aa
        </button>
        <span aria-hidden className="mx-0.5 h-5 w-px bg-slate-200" />
        <button type="button" aria-label="Previous match" aria-keyshortcuts="Shift+Enter" title="Previous match (Shift+Enter)" className={iconButton} disabled={count === 0} onClick={() => find.step(-1)}>
          <Icon path="M4 10l4-4 4 4" />
        </button>
        <button type="button" aria-label="Next match" aria-keyshortcuts="Enter" title="Next match (Enter)" className={iconButton} disabled={count === 0} onClick={() => find.step(1)}>
          <Icon path="M4 6l4 4 4-4" />
        </button>
        <button type="button" aria-label="Close find" aria-keyshortcuts="Escape" title="Close (Escape)" className={iconButton} onClick={close}>
          <Icon path="M4.5 4.5l7 7M11.5 4.5l-7 7" />
        </button>
      </div>
    </div>
  );
}
