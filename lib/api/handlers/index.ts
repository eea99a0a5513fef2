// Every endpoint's route handler, by operationId. `satisfies` makes a declared endpoint without
// a handler a type error; the route files under app/api/v1 export these (a test checks that each
// one is reachable at its declared method and path).
import "server-only";
import type { OperationId } from "../contract/endpoints";
import type { RouteHandler } from "../server/serve";
import { getOpenApiDocumentRoute } from "./meta";
import { searchPeopleRoute } from "./people";
import {
  addQuestionRoute,
  deleteQuestionRoute,
  duplicateQuestionRoute,
  reorderQuestionsRoute,
  updateQuestionRoute,
} from "./questions";
import {
  exportResponsesRoute,
  getFormRoute,
  getResultsRoute,
  listResponsesRoute,
  listTextAnswersRoute,
  submitResponseRoute,
} from "./responses";
import {
  acceptInvitationRoute,
  createInvitationRoute,
  listContributorsRoute,
  listInvitationsRoute,
  removeContributorRoute,
  revokeInvitationRoute,
} from "./sharing";
import {
  closeSurveyRoute,
  createSurveyRoute,
  deleteSurveyRoute,
  getSurveyRoute,
  listSurveysRoute,
  publishSurveyRoute,
  reopenSurveyRoute,
  unpublishSurveyRoute,
  updateSurveyRoute,
} from "./surveys";

export const ROUTE_HANDLERS = {
  getOpenApiDocument: getOpenApiDocumentRoute,
  listSurveys: listSurveysRoute,
  createSurvey: createSurveyRoute,
  getSurvey: getSurveyRoute,
  updateSurvey: updateSurveyRoute,
  deleteSurvey: deleteSurveyRoute,
  publishSurvey: publishSurveyRoute,
  unpublishSurvey: unpublishSurveyRoute,
  closeSurvey: closeSurveyRoute,
  reopenSurvey: reopenSurveyRoute,
  addQuestion: addQuestionRoute,
  reorderQuestions: reorderQuestionsRoute,
  updateQuestion: updateQuestionRoute,
  deleteQuestion: deleteQuestionRoute,
  duplicateQuestion: duplicateQuestionRoute,
  listContributors: listContributorsRoute,
  removeContributor: removeContributorRoute,
  listInvitations: listInvitationsRoute,
  createInvitation: createInvitationRoute,
  revokeInvitation: revokeInvitationRoute,
  acceptInvitation: acceptInvitationRoute,
  listResponses: listResponsesRoute,
  exportResponses: exportResponsesRoute,
  getResults: getResultsRoute,
  listTextAnswers: listTextAnswersRoute,
  getForm: getFormRoute,
  submitResponse: submitResponseRoute,
  searchPeople: searchPeopleRoute,
} satisfies Record<OperationId, RouteHandler>;
