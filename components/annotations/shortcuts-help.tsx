"use client";

import { useImperativeHandle, useRef, type Ref } from "react";
import { Button } from "@/components/ui/button";
import { KEYBOARD_SHORTCUTS } from "./shortcuts";

export interface ShortcutsHelpHandle {
  open(): void;
}

/** "Keyboard shortcuts": a button and a modal dialog (native <dialog>: focus trap and Escape for free). */
export function ShortcutsHelp({ ref }: { ref?: Ref<ShortcutsHelpHandle> }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useImperativeHandle(ref, () => ({ open: () => dialog.current?.showModal() }), []);
  return (
    <>
      <Button variant="outline" size="sm" aria-haspopup="dialog" onClick={() => dialog.current?.showModal()}>
        Keyboard shortcuts
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="shortcuts-title"
        className="m-auto w-[min(40rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
        onClick={(event) => event.target === dialog.current && dialog.current?.close()}
      >
        <div className="grid gap-4 p-6">
          <div className="flex items-center justify-between gap-4">
            <h2 id="shortcuts-title" className="text-base font-semibold">
              Keyboard shortcuts
            </h2>
            <Button variant="ghost" size="sm" onClick={() => dialog.current?.close()}>
              Close
            </Button>
          </div>
          <table className="w-full text-sm">
            <caption className="sr-only">Keys of the annotation reader</caption>
            <thead className="sr-only">
              <tr>
                <th scope="col">Keys</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {KEYBOARD_SHORTCUTS.map(({ keys, action }) => (
                <tr key={action} className="border-t border-slate-100 align-top">
                  <td className="whitespace-nowrap py-2 pr-4">
                    {keys.map((key, i) => (
                      <span key={key}>
                        {i > 0 && <span className="px-1 text-slate-500">or</span>}
                        <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">{key}</kbd>
                      </span>
                    ))}
                  </td>
                  <td className="py-2 text-slate-700">{action}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </dialog>
    </>
  );
}
