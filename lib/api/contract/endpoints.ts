// Every endpoint of the Survey API, once. The key is the operationId (and the client's method name).
import type { z } from "zod";
import {
  AcceptedInvitationSchema,
  AcceptInvitationInputSchema,
  CreateSurveyInputSchema,
  PageQuerySchema,
  QuestionInputSchema,
  QuestionPatchSchema,
  QuestionSchema,
  ReorderQuestionsInputSchema,
  RespondentSurveySchema,
  ResponsesPageSchema,
  SubmitResponseInputSchema,
  SubmittedResponseSchema,
  SurveyResultsSchema,
  SurveySchema,
  TextAnswersPageSchema,
  TextAnswersQuerySchema,
  UpdateSurveyInputSchema,
} from "@/lib/surveys/schemas";
import { endpoint } from "./define";
import {
  ContributorListSchema,
  InvitationListSchema,
  InviteContributorInputSchema,
  OpenApiDocumentSchema,
  PeopleListSchema,
  PeopleQuerySchema,
  QuestionListSchema,
  SentInvitationSchema,
  SurveyListQuerySchema,
  SurveyListSchema,
} from "./schemas";

const json = <S extends z.ZodType>(schema: S, description: string, status: 200 | 201 = 200) =>
  ({ kind: "json", status, schema, description }) as const;
const noContent = (description: string) => ({ kind: "empty", status: 204, description }) as const;

const SURVEY = "/surveys/{surveyId}";
const QUESTION = `${SURVEY}/questions/{questionId}`;

/** Publishing and its siblings differ only in verb and wording. */
const lifecycle = <const V extends string>(verb: V, summary: string, description: string) =>
  endpoint({
    method: "POST",
    path: `/surveys/{surveyId}/${verb}` as const,
    summary,
    description: `${description} Owner or survey admin only.`,
    tag: "Surveys",
    auth: "required",
    response: json(SurveySchema, "The survey in its new state."),
  });

export const API = {
  getOpenApiDocument: endpoint({
    method: "GET",
    path: "/openapi.json",
    summary: "This OpenAPI 3.1 document",
    tag: "Meta",
    auth: "none",
    response: json(OpenApiDocumentSchema, "The document."),
  }),

  listSurveys: endpoint({
    method: "GET",
    path: "/surveys",
    summary: "List surveys",
    tag: "Surveys",
    auth: "required",
    query: SurveyListQuerySchema,
    response: json(SurveyListSchema, "Newest first."),
  }),
  createSurvey: endpoint({
    method: "POST",
    path: "/surveys",
    summary: "Create a draft survey",
    description: "Survey creators and survey admins; the caller owns it.",
    tag: "Surveys",
    auth: "required",
    body: CreateSurveyInputSchema,
    response: json(SurveySchema, "The new draft.", 201),
  }),
  getSurvey: endpoint({
    method: "GET",
    path: SURVEY,
    summary: "Get a survey (editor view)",
    tag: "Surveys",
    auth: "required",
    response: json(SurveySchema, "The survey with its questions and what the caller may do."),
  }),
  updateSurvey: endpoint({
    method: "PATCH",
    path: SURVEY,
    summary: "Change title, description or settings of a draft",
    description: "The status cannot be changed here; see publish, unpublish, close and reopen.",
    tag: "Surveys",
    auth: "required",
    body: UpdateSurveyInputSchema,
    response: json(SurveySchema, "The updated survey."),
  }),
  deleteSurvey: endpoint({
    method: "DELETE",
    path: SURVEY,
    summary: "Delete a survey with its questions, contributors, invitations and responses",
    tag: "Surveys",
    auth: "required",
    response: noContent("Deleted."),
  }),
  publishSurvey: lifecycle("publish", "Publish a draft", "Makes the survey answerable."),
  unpublishSurvey: lifecycle("unpublish", "Back to draft", "Only while nobody has answered."),
  closeSurvey: lifecycle("close", "Close a published survey", "Stops accepting responses."),
  reopenSurvey: lifecycle("reopen", "Reopen a closed survey", "Accepts responses again."),

  addQuestion: endpoint({
    method: "POST",
    path: `${SURVEY}/questions`,
    summary: "Append a question to a draft",
    tag: "Questions",
    auth: "required",
    body: QuestionInputSchema,
    response: json(QuestionSchema, "The new question.", 201),
  }),
  reorderQuestions: endpoint({
    method: "PUT",
    path: `${SURVEY}/questions/order`,
    summary: "Put the questions in a new order",
    tag: "Questions",
    auth: "required",
    body: ReorderQuestionsInputSchema,
    response: json(QuestionListSchema, "The questions in their new order."),
  }),
  updateQuestion: endpoint({
    method: "PATCH",
    path: QUESTION,
    summary: "Change a question of a draft",
    tag: "Questions",
    auth: "required",
    body: QuestionPatchSchema,
    response: json(QuestionSchema, "The updated question."),
  }),
  deleteQuestion: endpoint({
    method: "DELETE",
    path: QUESTION,
    summary: "Delete a question of a draft",
    tag: "Questions",
    auth: "required",
    response: noContent("Deleted; the questions after it move up."),
  }),
  duplicateQuestion: endpoint({
    method: "POST",
    path: `${QUESTION}/duplicate`,
    summary: "Copy a question right after itself",
    tag: "Questions",
    auth: "required",
    response: json(QuestionSchema, "The copy.", 201),
  }),

  listContributors: endpoint({
    method: "GET",
    path: `${SURVEY}/contributors`,
    summary: "List the people who edit the survey besides its owner",
    tag: "Contributors",
    auth: "required",
    response: json(ContributorListSchema, "In the order they joined."),
  }),
  removeContributor: endpoint({
    method: "DELETE",
    path: `${SURVEY}/contributors/{userTenantId}/{userId}`,
    summary: "Remove a contributor",
    description: "Owner or survey admin only. A contributor is named by their own tenant and user id.",
    tag: "Contributors",
    auth: "required",
    response: noContent("Removed."),
  }),

  listInvitations: endpoint({
    method: "GET",
    path: `${SURVEY}/invitations`,
    summary: "List pending invitations",
    tag: "Invitations",
    auth: "required",
    response: json(InvitationListSchema, "Newest first."),
  }),
  createInvitation: endpoint({
    method: "POST",
    path: `${SURVEY}/invitations`,
    summary: "Invite a contributor and mail them the link",
    description:
      "Owner or survey admin only. The mail is sent from the inviter's own mailbox through Microsoft Graph (on behalf of the caller); without the organization's consent the answer is 403 with a WWW-Authenticate challenge and nothing is created.",
    tag: "Invitations",
    auth: "required",
    body: InviteContributorInputSchema,
    response: json(SentInvitationSchema, "Invited and mailed.", 201),
  }),
  revokeInvitation: endpoint({
    method: "DELETE",
    path: `${SURVEY}/invitations/{invitationId}`,
    summary: "Revoke a pending invitation",
    tag: "Invitations",
    auth: "required",
    response: noContent("Revoked; its link no longer works."),
  }),
  acceptInvitation: endpoint({
    method: "POST",
    path: "/invitations/accept",
    summary: "Accept an invitation (the caller becomes a contributor)",
    description: "The caller, of any registered organization, must be signed in with the invited address.",
    tag: "Invitations",
    auth: "required",
    body: AcceptInvitationInputSchema,
    response: json(AcceptedInvitationSchema, "The survey the caller now contributes to."),
  }),

  listResponses: endpoint({
    method: "GET",
    path: `${SURVEY}/responses`,
    summary: "List responses with their answers",
    tag: "Responses",
    auth: "required",
    query: PageQuerySchema,
    response: json(ResponsesPageSchema, "Newest first; pass nextCursor as cursor for the next page."),
  }),
  exportResponses: endpoint({
    method: "GET",
    path: `${SURVEY}/responses/export`,
    summary: "Export all responses as CSV",
    tag: "Responses",
    auth: "required",
    response: { kind: "csv", status: 200, description: "UTF-8 with a BOM, oldest first, one column per question." },
  }),
  getResults: endpoint({
    method: "GET",
    path: `${SURVEY}/results`,
    summary: "Aggregated results",
    tag: "Responses",
    auth: "required",
    response: json(SurveyResultsSchema, "Counts, percentages, averages and NPS per question."),
  }),
  listTextAnswers: endpoint({
    method: "GET",
    path: `${QUESTION}/answers`,
    summary: "The answers to a text question",
    tag: "Responses",
    auth: "required",
    query: TextAnswersQuerySchema,
    response: json(TextAnswersPageSchema, "Newest first."),
  }),

  getForm: endpoint({
    method: "GET",
    path: "/forms/{tenantId}/{surveyId}",
    summary: "A survey as its respondents see it",
    description:
      "Anonymous callers are welcome (surveys open to anyone with the link); signed-in callers send their token.",
    tag: "Respondents",
    auth: "optional",
    response: json(RespondentSurveySchema, "The questions, or why the caller cannot answer now."),
  }),
  submitResponse: endpoint({
    method: "POST",
    path: "/forms/{tenantId}/{surveyId}/responses",
    summary: "Submit a response",
    description:
      "Idempotent per submissionKey: a retry with the same key returns the stored response (created: false).",
    tag: "Respondents",
    auth: "optional",
    body: SubmitResponseInputSchema,
    response: json(SubmittedResponseSchema, "Stored.", 201),
  }),

  searchPeople: endpoint({
    method: "GET",
    path: "/people",
    summary: "Find people in the caller's directory (for inviting contributors)",
    description: "On behalf of the caller through Microsoft Graph; people of the caller's own organization only.",
    tag: "People",
    auth: "required",
    query: PeopleQuerySchema,
    response: json(PeopleListSchema, "Matching people."),
  }),
};

export type Api = typeof API;
export type OperationId = keyof Api;
