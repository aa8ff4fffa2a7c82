/**
 * Names that must survive other tools: file names in zips, brat type names, CoNLL tags. Each
 * mapping from a Tracewell name is recorded in the export's manifest, so nothing is lost.
 */

/** ASCII, lowercase, words joined by "-"; accents folded; "" when nothing is left (e.g. Arabic). */
export function slug(text: string, maxLength = 60): string {
  const folded = text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  const words = folded.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return words.slice(0, maxLength).replace(/-+$/, "");
}

/**
 * Gives each name a unique form: the first to ask keeps `base`, later ones get `base_2`,
 * `base_3`… Forms in `reserved` are never handed out.
 */
export class UniqueNames {
  private readonly used = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.used.add(name.toLowerCase());
  }

  /** Case-insensitively unique, so names stay distinct on case-insensitive file systems too. */
  take(base: string): string {
    let name = base;
    for (let n = 2; this.used.has(name.toLowerCase()); n++) name = `${base}_${n}`;
    this.used.add(name.toLowerCase());
    return name;
  }
}

/** A per-key memo over UniqueNames: the same key always gets the same unique name. */
export class NameMap {
  private readonly names = new Map<string, string>();
  private readonly unique: UniqueNames;

  constructor(
    private readonly sanitize: (name: string) => string,
    reserved: Iterable<string> = [],
  ) {
    this.unique = new UniqueNames(reserved);
  }

  /** The unique sanitized form for `key` (first call decides it from `name`). */
  get(key: string, name: string): string {
    let form = this.names.get(key);
    if (form === undefined) {
      form = this.unique.take(this.sanitize(name));
      this.names.set(key, form);
    }
    return form;
  }

  entries(): [string, string][] {
    return [...this.names.entries()];
  }
}
