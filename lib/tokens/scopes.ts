// Scope sets compare as sets: order and case do not make a different token.

export function normalizeScopes(scopes: readonly string[]): string[] {
  const unique = new Set(scopes.map((s) => s.trim()).filter((s) => s !== ""));
  if (unique.size === 0) throw new TypeError("at least one scope is required");
  return [...unique];
}

export function scopeKey(scopes: readonly string[]): string {
  return normalizeScopes(scopes)
    .map((s) => s.toLowerCase())
    .sort()
    .join(" ");
}
