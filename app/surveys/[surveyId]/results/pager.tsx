// Keyset paging: "next" follows the cursor of the last item; the way back is to the first page
// (a keyset cursor has no page numbers, and deep pages cost what the first one does).
export function Pager({
  firstHref,
  nextHref,
  onFirstPage,
  label,
}: {
  firstHref: string;
  nextHref: string | null;
  onFirstPage: boolean;
  label: string;
}) {
  if (onFirstPage && !nextHref) return null;
  return (
    <nav aria-label={label} className="pager">
      {onFirstPage ? null : <a href={firstHref}>← First page</a>}
      {nextHref ? (
        <a className="button secondary" href={nextHref}>
          Next page →
        </a>
      ) : null}
    </nav>
  );
}

/** `path?…` with the given query, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

export const firstOf = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;
