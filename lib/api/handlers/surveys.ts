// Surveys and their lifecycle: each handler is one call into lib/surveys, which authorizes.
import "server-only";
import { closeSurvey, publishSurvey, reopenSurvey, unpublishSurvey } from "@/lib/surveys/lifecycle";
import { createSurvey, deleteSurvey, updateSurvey } from "@/lib/surveys/mutations";
import { getSurvey, listContributingSurveys, listMySurveys, listTenantSurveys } from "@/lib/surveys/queries";
import { API } from "../contract/endpoints";
import { serve } from "../server/serve";

const LISTS = { mine: listMySurveys, tenant: listTenantSurveys, contributing: listContributingSurveys } as const;

export const listSurveysRoute = serve(API.listSurveys, async ({ caller, query }) => ({
  items: await LISTS[query.scope ?? "mine"](caller.actor),
}));

export const createSurveyRoute = serve(API.createSurvey, ({ caller, body, correlationId }) =>
  createSurvey(caller.actor, body, { correlationId }),
);

export const getSurveyRoute = serve(API.getSurvey, ({ caller, params }) => getSurvey(caller.actor, params.surveyId));

export const updateSurveyRoute = serve(API.updateSurvey, ({ caller, params, body }) =>
  updateSurvey(caller.actor, params.surveyId, body),
);

export const deleteSurveyRoute = serve(API.deleteSurvey, async ({ caller, params, correlationId }) => {
  await deleteSurvey(caller.actor, params.surveyId, { correlationId });
  return undefined;
});

export const publishSurveyRoute = serve(API.publishSurvey, ({ caller, params, correlationId }) =>
  publishSurvey(caller.actor, params.surveyId, { correlationId }),
);

export const unpublishSurveyRoute = serve(API.unpublishSurvey, ({ caller, params, correlationId }) =>
  unpublishSurvey(caller.actor, params.surveyId, { correlationId }),
);

export const closeSurveyRoute = serve(API.closeSurvey, ({ caller, params, correlationId }) =>
  closeSurvey(caller.actor, params.surveyId, { correlationId }),
);

export const reopenSurveyRoute = serve(API.reopenSurvey, ({ caller, params, correlationId }) =>
  reopenSurvey(caller.actor, params.surveyId, { correlationId }),
);
