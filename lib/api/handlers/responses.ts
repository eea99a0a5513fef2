// Answering (respondents, possibly anonymous) and reading what was answered (owner,
// contributors, survey admins). Respondents are who their token says, or nobody.
import "server-only";
import { clientAddress } from "@/lib/client-address";
import { ForbiddenError } from "@/lib/errors";
import { enforce, type RateRule } from "@/lib/rate-limit";
import { listResponses, listTextAnswers } from "@/lib/surveys/answer-lists";
import { exportResponsesCsv } from "@/lib/surveys/export";
import { getSurveyForRespondent, type Respondent, submitResponse } from "@/lib/surveys/responses";
import { getSurveyResults } from "@/lib/surveys/results";
import { API } from "../contract/endpoints";
import type { Caller } from "../server/authenticate";
import { serve } from "../server/serve";

const CLIENT_KEY_HEADER = "x-client-key";
const CLIENT_KEY = /^[A-Za-z0-9._-]{8,128}$/;

/** The person answering, or an anonymous visitor named by their browser's key (never stored). */
function respondentOf(caller: Caller | null, request: Request): Respondent {
  if (!caller) {
    const key = request.headers.get(CLIENT_KEY_HEADER);
    return { kind: "anonymous", clientKey: key && CLIENT_KEY.test(key) ? key : "unknown" };
  }
  const { actor } = caller;
  if (actor.kind !== "user") throw new ForbiddenError("Applications cannot answer surveys.");
  return { kind: "user", tenantId: actor.tenantId, oid: actor.oid, userId: actor.userId };
}

export const getFormRoute = serve(API.getForm, ({ caller, params, request }) =>
  getSurveyForRespondent(params, respondentOf(caller, request)),
);

/**
 * Anonymous answers per client address and survey: enough for a household or a classroom behind
 * one address, too few to stuff a survey. Signed-in people answer once anyway (the domain's rule).
 */
export const ANONYMOUS_SUBMISSIONS: RateRule = { limit: 30, windowSeconds: 600 };

export const submitResponseRoute = serve(API.submitResponse, async ({ caller, params, body, request }) => {
  const respondent = respondentOf(caller, request);
  if (respondent.kind === "anonymous") {
    await enforce(`submit:${params.tenantId}:${params.surveyId}:${clientAddress(request)}`, ANONYMOUS_SUBMISSIONS);
  }
  return submitResponse(params, respondent, body);
});

export const listResponsesRoute = serve(API.listResponses, ({ caller, params, query }) =>
  listResponses(caller.actor, params.surveyId, query),
);

export const exportResponsesRoute = serve(API.exportResponses, async ({ caller, params }) => ({
  filename: `survey-${params.surveyId}-responses.csv`,
  chunks: await exportResponsesCsv(caller.actor, params.surveyId),
}));

export const getResultsRoute = serve(API.getResults, ({ caller, params }) =>
  getSurveyResults(caller.actor, params.surveyId),
);

export const listTextAnswersRoute = serve(API.listTextAnswers, ({ caller, params, query }) =>
  listTextAnswers(caller.actor, params.surveyId, params.questionId, query),
);
