// The editor's reads, straight from lib/surveys with the signed-in person as actor (pages read;
// only mutations go through the API). A survey they cannot see is a 404, as everywhere.
import "server-only";
import { forbidden, notFound } from "next/navigation";
import { cache } from "react";
import type { AppSession } from "@/lib/auth/session";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { listContributors } from "@/lib/surveys/contributors";
import { listPendingInvitations } from "@/lib/surveys/invitations";
import { getSurvey } from "@/lib/surveys/queries";

async function orPage<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    if (error instanceof ForbiddenError) forbidden();
    throw error;
  }
}

/** Cached per request: generateMetadata and the page share one read. */
export const loadSurvey = cache((session: AppSession, surveyId: string) => orPage(getSurvey(session.actor, surveyId)));

export async function loadPeople(session: AppSession, surveyId: string, canManage: boolean) {
  const [contributors, invitations] = await Promise.all([
    orPage(listContributors(session.actor, surveyId)),
    canManage ? orPage(listPendingInvitations(session.actor, surveyId)) : Promise.resolve([]),
  ]);
  return { contributors, invitations };
}
