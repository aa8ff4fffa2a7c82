import { foldAlias, foldForMatching } from "./alias-fold";

/**
 * Pre-annotation from the dictionary (issue 15): every whole-word occurrence of a set of aliases
 * in the canonical text, as code-point ranges with their exact quote.
 *
 * - Case-insensitive in any script, with or without Arabic diacritics, whitespace runs as one
 *   space: the folding rules are in alias-fold.ts. Offsets never come from a folded copy; each
 *   folded code point maps back to the original one it came from, and a match covers whole
 *   original code points ("s" finds nothing in "ß"). Dropped marks right after a match's last
 *   letter belong to it, so `exact` ("خراسانٌ") keeps the text's harakat.
 * - Whole words: the code point before a match and the one after it are neither letters, marks nor
 *   numbers (\p{L}\p{M}\p{N}, not `\b`, which is ASCII-only). So "ISKP" is found in "ISKP's" and
 *   "(ISKP)" but not "ISKPX"; Arabic clitics are not split ("داعش" is not found in "وداعش"); and
 *   scripts written without spaces (CJK, Thai) match only between non-letters.
 * - At one start, the longest match wins, across keys ("Islamic State Khorasan" hides "Islamic
 *   State" there); every key matching that longest span is returned. Matches of one key never
 *   overlap (leftmost first); matches of different keys may. A key whose longest alias at a start
 *   overlaps its own earlier match takes no part there, so it does not hide other keys.
 * - One pass over the folded text with a trie of the folded aliases, tried only where a word may
 *   start: O(text × the longest alias prefix found there), whatever the number of aliases.
 */

export interface AliasEntry {
  /** The caller's id for what the alias names (an entity id). */
  key: string;
  /** The surface form to look for. */
  alias: string;
}

export interface AliasMatch {
  key: string;
  /** The key's first alias (in input order) that folds to what was found. */
  alias: string;
  /** Unicode code points over the text, half-open. */
  start: number;
  end: number;
  /** The text in [start, end), exactly. */
  exact: string;
}

interface TrieNode {
  readonly next: Map<number, TrieNode>;
  /** The entries whose folded alias ends here, the first one per key. */
  readonly ends: Map<string, AliasEntry>;
}

const trieNode = (): TrieNode => ({ next: new Map(), ends: new Map() });

function buildTrie(aliases: readonly AliasEntry[]): TrieNode {
  const root = trieNode();
  for (const entry of aliases) {
    const folded = foldAlias(entry.alias);
    if (folded.length === 0) continue;
    let node = root;
    for (const c of folded) {
      let child = node.next.get(c);
      if (!child) node.next.set(c, (child = trieNode()));
      node = child;
    }
    if (!node.ends.has(entry.key)) node.ends.set(entry.key, entry);
  }
  return root;
}

const byKey = (a: AliasEntry, b: AliasEntry) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function matchAliases(text: string, aliases: readonly AliasEntry[]): AliasMatch[] {
  const root = buildTrie(aliases);
  const matches: AliasMatch[] = [];
  if (root.next.size === 0 || text === "") return matches;
  const { folded, origin, word, units, length } = foldForMatching(text);
  /** Where each key's last match ends: its next may not start before. */
  const keyEnd = new Map<string, number>();
  const open = (entry: AliasEntry, start: number) => (keyEnd.get(entry.key) ?? 0) <= start;

  for (let i = 0; i < folded.length; i++) {
    const start = origin[i]!;
    if (i > 0 && origin[i - 1] === start) continue; // inside one code point's folding
    if (start > 0 && word[start - 1]) continue; // inside a word
    let best: { end: number; entries: AliasEntry[] } | null = null;
    let node = root.next.get(folded[i]!);
    for (let e = i + 1; node; e++) {
      const atEnd = e === folded.length;
      const end = atEnd ? length : origin[e]!;
      // Every code point that folds to several is a letter, so this also refuses to end inside one.
      if (node.ends.size > 0 && (atEnd || !word[end])) {
        const entries = [...node.ends.values()].filter((entry) => open(entry, start));
        if (entries.length > 0) best = { end, entries };
      }
      if (atEnd) break;
      node = node.next.get(folded[e]!);
    }
    if (!best) continue;
    const exact = text.slice(units[start], units[best.end]);
    for (const { key, alias } of best.entries.sort(byKey)) {
      matches.push({ key, alias, start, end: best.end, exact });
      keyEnd.set(key, best.end);
    }
  }
  return matches;
}
