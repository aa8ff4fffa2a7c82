/** The reader's keyboard shortcuts: shown in the in-app help and listed in the README. */
export const KEYBOARD_SHORTCUTS: { keys: string[]; action: string }[] = [
  { keys: ["Shift+←", "Shift+→", "Shift+↑", "Shift+↓"], action: "Select text from the caret (click or Tab into the text first)" },
  { keys: ["1", "2", "3"], action: "Tag the selection as Claim, Entity, Figure — or press any label's own hotkey" },
  { keys: ["Alt+hotkey"], action: "Tag the exact characters selected (no snapping to whole words); also Alt while releasing the mouse" },
  { keys: ["]", "Alt+↓"], action: "Go to the next annotation" },
  { keys: ["[", "Alt+↑"], action: "Go to the previous annotation" },
  { keys: ["Enter"], action: "Open the details of the current annotation" },
  { keys: ["Escape"], action: "Clear the selection; close the details and return to the text" },
  { keys: ["Delete"], action: "Delete the current annotation" },
  { keys: ["Ctrl+Z", "⌘Z"], action: "Undo the last annotation action" },
  { keys: ["Ctrl+Shift+Z", "⌘⇧Z", "Ctrl+Y"], action: "Redo" },
  { keys: ["Ctrl+F", "⌘F"], action: "Find in the text; Enter and Shift+Enter for the next and previous match, Escape to select it in the text" },
  { keys: ["F3", "Shift+F3"], action: "Next or previous match while the find box is open (also Ctrl+G, ⌘G)" },
  { keys: ["A", "R", "E", "J", "K"], action: "In review mode (reviewers): accept; reject with a reason; edit (a saved change corrects and accepts); next; previous" },
  { keys: ["?"], action: "Show these shortcuts" },
];
