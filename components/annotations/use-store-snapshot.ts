"use client";

import { startTransition, useEffect, useState } from "react";
import type { AnnotationStore } from "./annotation-store";
import type { Annotation } from "./types";

/**
 * The store's sorted snapshot as React state, updated at transition priority. A change made in a
 * keystroke (tagging) is drawn by the reader in that keystroke's frame; the lists and forms that
 * read this snapshot render after that frame instead of delaying it. (useSyncExternalStore would
 * render them synchronously, inside the keystroke.)
 */
export function useStoreSnapshot(store: AnnotationStore): readonly Annotation[] {
  const [snapshot, setSnapshot] = useState(store.getSnapshot);
  useEffect(() => {
    const update = () => startTransition(() => setSnapshot(store.getSnapshot()));
    update(); // a change between the first render and this subscription
    return store.subscribe(update);
  }, [store]);
  return snapshot;
}
