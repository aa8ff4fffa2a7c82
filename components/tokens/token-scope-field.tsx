/** Read-only is preselected: a leaked read token can look, not change. */
export function TokenScopeField({ defaultValue, error }: { defaultValue?: string; error?: string }) {
  const chosen = defaultValue === "write" ? "write" : "read";
  return (
    <fieldset className="grid gap-1.5" aria-describedby={error ? "token-scope-error" : undefined}>
      <legend className="mb-1.5 text-sm font-medium text-slate-900">Scope</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-2 pt-1.5">
        <label className="inline-flex items-center gap-2 text-sm text-slate-800">
          <input type="radio" name="scope" value="read" defaultChecked={chosen === "read"} />
          Read only
        </label>
        <label className="inline-flex items-center gap-2 text-sm text-slate-800">
          <input type="radio" name="scope" value="write" defaultChecked={chosen === "write"} />
          Read and write
        </label>
      </div>
      {error && (
        <p id="token-scope-error" className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
