// Results are for the survey's owner, contributors and survey admins (the domain decides). To
// everyone else a survey's results look missing: 404, never "forbidden", so their existence
// is not confirmed to people who may not see them.
import "server-only";
import { notFound } from "next/navigation";
import { ForbiddenError, NotFoundError } from "@/lib/errors";

export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ForbiddenError) notFound();
    throw error;
  }
}

export function isRefusal(error: unknown): boolean {
  return error instanceof NotFoundError || error instanceof ForbiddenError;
}
