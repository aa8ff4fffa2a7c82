const LINKS: Record<string, (id: string) => string> = {
  wikidata: (id) => `https://www.wikidata.org/wiki/${encodeURIComponent(id)}`,
};

const NAMES: Record<string, string> = { wikidata: "Wikidata" };

/** External ids as "Wikidata Q123" (a link where the registry has pages), one per line. */
export function ExternalIds({ ids }: { ids: Record<string, string> }) {
  const entries = Object.entries(ids).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <span className="text-slate-600">—</span>;
  return (
    <ul className="grid gap-0.5">
      {entries.map(([key, id]) => {
        const href = LINKS[key]?.(id);
        return (
          <li key={key} className="text-sm">
            <span className="text-slate-600">{NAMES[key] ?? key}</span>{" "}
            {href ? (
              <a href={href} className="font-mono text-slate-900 underline underline-offset-2 hover:text-slate-700" rel="noreferrer" target="_blank">
                {id}
                <span className="sr-only"> (opens {NAMES[key] ?? key} in a new tab)</span>
              </a>
            ) : (
              <span className="font-mono">{id}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
