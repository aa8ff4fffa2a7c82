"use client";

import { useEffect, useRef, type RefObject } from "react";
import type { ReaderHandle } from "@/components/editor/annotation-reader";

/** Where a link into the reader points: an annotation (`?annotation=`) or exact characters (`?start=&end=`). */
export interface DeepLink {
  annotationId?: string;
  start?: number;
  end?: number;
}

/**
 * Follows a link into the document once the reader has drawn the text: an annotation becomes the
 * current one (flashed, in view); a character range is selected exactly (the reader's own
 * selection, so a label's key tags it). Tried again for a moment while the text is being drawn.
 */
export function useDeepLink(link: DeepLink | undefined, reader: RefObject<ReaderHandle | null>, choose: (id: string) => void, has: (id: string) => boolean) {
  const done = useRef(false);
  useEffect(() => {
    if (!link || done.current) return;
    let tries = 0;
    const timer = setInterval(() => {
      const handle = reader.current;
      const ready = handle !== null && document.querySelector("[data-highlight-count]") !== null;
      if (ready && link.start !== undefined && link.end !== undefined) done.current = handle.selectText(link.start, link.end);
      else if (ready && link.annotationId && has(link.annotationId)) {
        choose(link.annotationId);
        done.current = true;
      } else if (ready && link.annotationId) done.current = true; // not (or no longer) in this document
      if (done.current || ++tries > 50) clearInterval(timer);
    }, 100);
    return () => clearInterval(timer);
  }, [link, reader, choose, has]);
}
