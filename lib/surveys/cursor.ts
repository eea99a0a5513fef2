// Opaque keyset cursors: the sort key of the last item of a page, base64url-encoded so callers
// treat it as a token rather than something to build. Pure.
import { ValidationError } from "@/lib/errors";

export function encodeCursor(parts: readonly string[]): string {
  return Buffer.from(parts.join("|"), "utf8").toString("base64url");
}

/** The cursor's parts, checked by `valid`; anything else is a ValidationError on `cursor`. */
export function decodeCursor(cursor: string, count: number, valid: (parts: string[]) => boolean): string[] {
  const parts = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (parts.length !== count || !valid(parts)) {
    throw new ValidationError("The page cursor is not valid; start again from the first page.", {
      cursor: ["The page cursor is not valid."],
    });
  }
  return parts;
}
