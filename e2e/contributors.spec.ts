// Cross-tenant contributors: a Fabrikam creator, picked from Contoso's directory (a guest there),
// gets the invitation mail, accepts it after signing in and edits a question; a Fabrikam admin
// with no invitation gets a 404; a revoked invitation's link is refused.
import { expect, type Page, test } from "@playwright/test";
import { acceptConsentIfAsked, people, pickAccount, signIn } from "./support/identity";
import { servers } from "./support/servers";
import {
  addQuestion,
  createSurvey,
  expectAccessible,
  invitationLinkFor,
  questionCard,
  uniqueTitle,
} from "./support/surveys-ui";

const contributorsPanel = (page: Page) => page.getByRole("region", { name: "Contributors" });

test("a contributor from another organization is picked from the directory, accepts by mail and edits", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  await signIn(page, people.adele);
  const surveyTitle = uniqueTitle("Cross-tenant");
  const surveyId = await createSurvey(page, surveyTitle);
  await addQuestion(page, { type: "Short text", text: "Original question" });

  // Pick Lee (a guest in Contoso's directory) from the search results, by keyboard.
  const panel = contributorsPanel(page);
  await panel.getByLabel("Find a person in your directory").fill("lee");
  await panel.getByRole("button", { name: "Search" }).click();
  const found = panel.getByRole("group", { name: /^People found/ });
  await expect(found.getByRole("radio", { name: /Lee Gu/ })).toBeVisible();
  await expectAccessible(page);
  await found.getByRole("radio", { name: /Lee Gu/ }).focus();
  await page.keyboard.press("Space");
  await expect(found.getByRole("radio", { name: /Lee Gu/ })).toBeChecked();
  await panel.getByRole("button", { name: "Invite selected person" }).click();
  await expect(panel.getByText("Invitation sent to lee@fabrikam.com.")).toBeVisible();
  await expect(panel.getByRole("list", { name: "Pending invitations" })).toContainText("lee@fabrikam.com");

  // The mail, sent from Adele's mailbox through Graph, is in the emulator's outbox.
  const acceptPath = await invitationLinkFor(request, "lee@fabrikam.com", surveyTitle);

  // Lee opens the link signed out: sign-in first, then back on the invitation.
  const leeContext = await browser.newContext();
  const lee = await leeContext.newPage();
  await lee.goto(acceptPath);
  await expect(lee).toHaveURL(/\/signin\?/);
  await lee.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await pickAccount(lee, people.lee);
  await acceptConsentIfAsked(lee);
  await lee.waitForURL((url) => url.origin === servers.app.url && url.pathname === "/invitations/accept");
  await expect(lee.getByRole("heading", { level: 1 })).toHaveText("Accept an invitation");
  await expectAccessible(lee);
  await lee.getByRole("button", { name: "Accept invitation" }).click();
  await lee.waitForURL(`/surveys/${surveyId}`);
  const card = questionCard(lee, 1);
  await card.getByLabel("Question", { exact: true }).fill("Edited by Lee");
  await card.getByRole("button", { name: "Save question" }).click();
  await expect(card.getByText("Saved.")).toBeVisible();
  // Contributors edit but do not publish or manage people.
  await expect(lee.getByRole("button", { name: "Publish" })).toHaveCount(0);
  await expect(lee.getByLabel("Find a person in your directory")).toHaveCount(0);
  await lee.goto("/surveys");
  await expect(
    lee.getByRole("list", { name: "Surveys you contribute to" }).getByRole("listitem").filter({ hasText: surveyTitle }),
  ).toContainText("another organization");
  // The link worked once.
  await lee.goto(acceptPath);
  await lee.getByRole("button", { name: "Accept invitation" }).click();
  await expect(lee.getByRole("main").getByRole("alert")).toHaveText("This invitation has already been used.");
  await leeContext.close();

  // Adele sees Lee's edit and Lee among the contributors; the invitation is no longer pending.
  await page.reload();
  await expect(questionCard(page, 1).getByLabel("Question", { exact: true })).toHaveValue("Edited by Lee");
  const contributors = panel.getByRole("list", { name: "Contributors" });
  await expect(contributors).toContainText("Lee Gu");
  await expect(contributors).toContainText("another organization");
  await expect(panel.getByRole("list", { name: "Pending invitations" })).toHaveCount(0);

  // Diego, a survey admin of Fabrikam who was not invited: the editor is not there for him.
  const diegoContext = await browser.newContext();
  const diego = await diegoContext.newPage();
  await signIn(diego, people.diego);
  const response = await diego.goto(`/surveys/${surveyId}`);
  expect(response?.status()).toBe(404);
  await expect(diego.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await diegoContext.close();

  // Removing Lee (after confirming) ends the contribution.
  await contributors.getByRole("button", { name: "Remove Lee Gu" }).click();
  await page
    .getByRole("dialog", { name: "Remove Lee Gu?" })
    .getByRole("button", { name: "Remove contributor" })
    .click();
  await expect(panel.getByText("Nobody besides the owner edits this survey.")).toBeVisible();
});

test("an invitation by e-mail address can be revoked, and its link is then refused", async ({ page, request }) => {
  await signIn(page, people.adele);
  const surveyTitle = uniqueTitle("Revoked invitation");
  await createSurvey(page, surveyTitle);
  const panel = contributorsPanel(page);
  const address = panel.getByLabel("Or invite by e-mail address");

  // Not an address: refused next to the field, what was typed kept.
  await address.fill("lynne-at-fabrikam");
  await panel.getByRole("button", { name: "Invite by e-mail" }).click();
  await expect(address).toHaveAttribute("aria-invalid", "true");
  await expect(panel.getByText("Enter an e-mail address.")).toBeVisible();
  await expect(address).toHaveValue("lynne-at-fabrikam");

  await address.fill("lynne@fabrikam.com");
  await panel.getByRole("button", { name: "Invite by e-mail" }).click();
  await expect(panel.getByText("Invitation sent to lynne@fabrikam.com.")).toBeVisible();
  const acceptPath = await invitationLinkFor(request, "lynne@fabrikam.com", surveyTitle);

  await panel.getByRole("button", { name: "Revoke the invitation of lynne@fabrikam.com" }).click();
  await expect(panel.getByText("No invitations are waiting for an answer.")).toBeVisible();

  // The link is dead: refused before anything else is checked.
  await page.goto(acceptPath);
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "This invitation was revoked or replaced by a newer one; ask for a new invitation.",
  );
});
