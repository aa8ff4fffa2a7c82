/**
 * Aliases as chips, each isolated (<bdi>, dir=auto) so an Arabic-script alias keeps its own
 * direction and does not reorder its neighbours.
 */
export function AliasChips({ aliases, className }: { aliases: readonly string[]; className?: string }) {
  if (aliases.length === 0) return <span className="text-slate-600">—</span>;
  return (
    <ul aria-label="Aliases" className={`flex flex-wrap gap-1.5 ${className ?? ""}`}>
      {aliases.map((alias) => (
        <li key={alias} className="rounded-full border border-slate-200 bg-slate-50 px-2 py-0.5 text-xs text-slate-800">
          <bdi dir="auto">{alias}</bdi>
        </li>
      ))}
    </ul>
  );
}
