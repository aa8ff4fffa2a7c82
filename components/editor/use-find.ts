"use client";

import { TextSelection } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import type { Editor } from "@tiptap/react";
import { useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { posToCodePoint, rangeToPos, type PosRange, type SegmentTable } from "@/lib/text/editor-positions";
import { findMatches, foldText, type FindResult, type FoldedText } from "@/lib/text/find-matches";
import { findKey, findMeta, type FindMeta } from "./find-plugin";

const NONE: FindResult = { matches: [], truncated: false };

/**
 * Matches drawn each side of the one nearest the viewport. Every <mark> costs DOM work whether
 * or not its block of lines is laid out: 10,000 of them took ~200 ms a keystroke on the 1 MB
 * bench text, a window of 2 × 400 a few ms. Scrolling moves the window (below).
 */
const DRAWN_EACH_SIDE = 400;

export interface FindControls {
  query: string;
  caseSensitive: boolean;
  /** Matches reported (at most FIND_LIMIT). */
  count: number;
  /** Index of the current match, -1 when none. */
  current: number;
  /** There are more matches than `count`. */
  truncated: boolean;
  /** The box opens: search from the selection on, for `query` when given. */
  start(query: string | null): void;
  search(query: string): void;
  setCaseSensitive(value: boolean): void;
  /** To the next (1) or previous (-1) match, round the end. */
  step(direction: 1 | -1): void;
  /** Scrolls back to the current match (the box closes: its selection is where the keys act). */
  revealCurrent(): void;
}

/**
 * Scrolls the current match into view unless it is already there (below the sticky find box).
 * Blocks of lines off screen are laid out only when shown (content-visibility), so their real
 * height can move the match once it is scrolled to: look again a frame later.
 */
function reveal(view: EditorView, again = true): void {
  const element = view.dom.querySelector("[data-find-current]");
  if (!element) return;
  const box = element.getBoundingClientRect();
  const top = document.querySelector("[data-testid=find-box]")?.getBoundingClientRect().bottom ?? 0;
  if (box.top >= top && box.bottom <= innerHeight) return;
  element.scrollIntoView({ block: "center", behavior: "instant" as ScrollBehavior });
  if (again) requestAnimationFrame(() => view.isDestroyed || reveal(view, false));
}

/** The index of the first match ending at or after `pos` (the last one when none does). */
function nearestMatch(matches: readonly PosRange[], pos: number): number {
  let lo = 0;
  let hi = matches.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (matches[mid]!.to < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The find box's state: matches of the canonical text, shown by the find plugin. */
export function useFind(editor: Editor, table: SegmentTable, open: boolean): FindControls {
  const [query, search] = useState("");
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [current, setCurrent] = useState(-1);
  /** Where the search starts: the first match at or after this code point becomes current. */
  const anchor = useRef(0);
  const folded = useRef<FoldedText | null>(null);
  const positions = useRef<PosRange[]>([]);
  const currentRef = useRef(-1);
  /** The drawn matches: [first, end) of `positions`. */
  const drawn = useRef({ first: 0, end: 0 });

  // Typing stays responsive on a 1 MB text: the keystroke is drawn first, the search follows in a
  // deferred render (and is skipped for keys typed meanwhile).
  const deferredQuery = useDeferredValue(query);
  const result = useMemo(() => {
    if (!open || deferredQuery === "") return NONE;
    if (caseSensitive) return findMatches(table.text, deferredQuery, { caseSensitive });
    if (folded.current?.text !== table.text) folded.current = foldText(table.text);
    return findMatches(folded.current, deferredQuery);
  }, [open, deferredQuery, caseSensitive, table]);

  /** The matches around match `center` as a "show" (or only the current one moved, when still well inside the drawn ones). */
  function drawAround(center: number, current: number): FindMeta {
    const all = positions.current;
    const { first, end } = drawn.current;
    const margin = DRAWN_EACH_SIDE / 4;
    if (end > first && (first === 0 || center >= first + margin) && (end === all.length || center < end - margin)) return { type: "current", current };
    const from = Math.max(0, center - DRAWN_EACH_SIDE);
    const to = Math.min(all.length, center + DRAWN_EACH_SIDE + 1);
    drawn.current = { first: from, end: to };
    return { type: "show", matches: all.slice(from, to), offset: from, current };
  }

  /** Makes match `index` current: drawn, selected (so a label's key tags it), scrolled to. */
  function goTo(index: number, meta: FindMeta = drawAround(index, index)): void {
    const { view } = editor;
    let tr = findMeta(view.state.tr, meta);
    const match = positions.current[index];
    if (match) tr = tr.setSelection(TextSelection.create(tr.doc, match.from, match.to));
    view.dispatch(tr);
    if (match) reveal(view);
    currentRef.current = index;
    setCurrent(index);
  }

  useEffect(() => {
    if (!open) {
      if (findKey.getState(editor.state)?.decorations.length) editor.view.dispatch(findMeta(editor.state.tr, { type: "clear" }));
      return;
    }
    positions.current = result.matches.map((m) => rangeToPos(table, m.start, m.end));
    drawn.current = { first: 0, end: 0 };
    const after = result.matches.findIndex((m) => m.start >= anchor.current);
    const index = after === -1 ? (result.matches.length ? 0 : -1) : after;
    goTo(index, drawAround(Math.max(index, 0), index));
    // `goTo` reads only refs and the editor: a new result is what calls for a redraw.
  }, [editor, table, open, result]);

  // Scrolled by hand: the drawn window follows the match nearest the middle of the viewport.
  useEffect(() => {
    if (!open) return;
    let frame = 0;
    const follow = () => {
      frame = 0;
      const { view } = editor;
      const all = positions.current;
      if (view.isDestroyed || all.length <= 2 * DRAWN_EACH_SIDE + 1) return;
      const box = view.dom.getBoundingClientRect();
      const at = view.posAtCoords({ left: box.left + 1, top: Math.min(Math.max(innerHeight / 2, box.top + 1), box.bottom - 1) });
      if (!at) return;
      const center = nearestMatch(all, at.pos);
      const meta = drawAround(center, currentRef.current);
      if (meta.type === "show") view.dispatch(findMeta(view.state.tr, meta));
    };
    const onScroll = () => {
      frame ||= requestAnimationFrame(follow);
    };
    // Captured: whichever element scrolls the page.
    addEventListener("scroll", onScroll, { passive: true, capture: true });
    return () => {
      removeEventListener("scroll", onScroll, { capture: true });
      cancelAnimationFrame(frame);
    };
    // `drawAround` reads only refs.
  }, [editor, open]);

  return {
    query,
    caseSensitive,
    count: result.matches.length,
    current: result.matches.length ? current : -1,
    truncated: result.truncated,
    start(prefill) {
      const { from } = editor.state.selection;
      anchor.current = posToCodePoint(table, from);
      if (prefill !== null) search(prefill);
    },
    search,
    setCaseSensitive,
    revealCurrent() {
      const index = currentRef.current;
      if (index < 0) return;
      // Scrolled away by hand, the current match may no longer be drawn.
      const meta = drawAround(index, index);
      if (meta.type === "show") editor.view.dispatch(findMeta(editor.state.tr, meta));
      reveal(editor.view);
    },
    step(direction) {
      const count = positions.current.length;
      if (count === 0) return;
      const from = currentRef.current;
      const index = from < 0 ? (direction === 1 ? 0 : count - 1) : (from + direction + count) % count;
      anchor.current = result.matches[index]!.start;
      goTo(index);
    },
  };
}
