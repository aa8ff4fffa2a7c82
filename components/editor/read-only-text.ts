import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";

/**
 * The text is evidence and never changes, yet the editor stays editable: that is what gives the
 * analyst a caret and Shift+arrow selection. Every way in is closed here: any transaction that
 * would change the document is dropped (the last line of defence, which also makes ProseMirror
 * redraw whatever the browser mutated, e.g. during IME composition), and typing, paste, drop,
 * cut and the browser's own editing commands are refused before they reach the DOM.
 */
export const ReadOnlyText = Extension.create({
  name: "readOnlyText",
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey("tracewell-read-only-text"),
        filterTransaction: (tr) => !tr.docChanged,
        props: {
          handleTextInput: () => true,
          handlePaste: () => true,
          handleDrop: () => true,
          handleDOMEvents: {
            beforeinput: (_view, event) => {
              // Composition input cannot be cancelled in Chromium; filterTransaction undoes it.
              if (event.cancelable) event.preventDefault();
              return true;
            },
            cut: (_view, event) => {
              event.preventDefault();
              return true;
            },
            paste: (_view, event) => {
              event.preventDefault();
              return true;
            },
            drop: (_view, event) => {
              event.preventDefault();
              return true;
            },
          },
        },
      }),
    ];
  },
});
