// Where respondents answer a survey: the public link carries the survey's tenant and id, so the
// domain looks it up by its primary key even for anonymous people.
export const answerPath = (tenantId: string, surveyId: string) =>
  `/s/${encodeURIComponent(tenantId)}/${encodeURIComponent(surveyId)}`;

export const thanksPath = (tenantId: string, surveyId: string) => `${answerPath(tenantId, surveyId)}/thanks`;

/** The browser's saved, not yet submitted answers of one survey (see draft.ts). */
export const draftStorageKey = (tenantId: string, surveyId: string) => `surveys:draft:${tenantId}:${surveyId}`;
