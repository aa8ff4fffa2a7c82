import { Node } from "@tiptap/core";

/**
 * A run of lines (lib/text/editor-positions.ts: LINES_PER_BLOCK paragraphs). It exists for the
 * browser: a block off screen is skipped whole (content-visibility in annotation-reader.css), so
 * a change in one line of a long text costs what the visible blocks cost.
 */
export const LineBlock = Node.create({
  name: "lineBlock",
  content: "paragraph+",
  parseHTML: () => [{ tag: "div[data-line-block]" }],
  renderHTML: () => ["div", { "data-line-block": "", class: "tw-line-block" }, 0],
});
