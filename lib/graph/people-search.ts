// The $search expression of a people picker: every word a prefix of a word of the display
// name; a single word may also be the start of the mail address. $search (with ConsistencyLevel:
// eventual) matches word prefixes, so "vance" finds Adele Vance, which startswith($filter) would not.

/** Double quotes and backslashes delimit $search clauses; names and addresses do not need them. */
export function searchWords(query: string): string[] {
  return query
    .replace(/["\\]/g, " ")
    .split(/\s+/)
    .filter((w) => w !== "")
    .slice(0, 5);
}

export function peopleSearchExpression(words: readonly string[]): string {
  const byName = words.map((w) => `"displayName:${w}"`).join(" AND ");
  return words.length === 1 ? `${byName} OR "mail:${words[0]}"` : byName;
}
