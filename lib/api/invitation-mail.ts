// The invitation a contributor receives, sent from the inviter's mailbox. The link carries the
// survey's tenant and the invitation's secret; the web app's accept page posts both to
// POST /api/v1/invitations/accept for the signed-in invitee.
import type { InvitationMail } from "@/lib/graph";
import { escapeHtml } from "@/lib/html";

export function acceptUrlFor(appUrl: string, tenantId: string, token: string): string {
  const url = new URL("/invitations/accept", appUrl);
  url.searchParams.set("token", token);
  url.searchParams.set("tenant", tenantId);
  return url.toString();
}

export function invitationMail(input: {
  to: string;
  inviterName: string;
  surveyTitle: string;
  acceptUrl: string;
  expiresAt: string;
}): InvitationMail {
  const { to, inviterName, surveyTitle, acceptUrl } = input;
  const expires = new Date(input.expiresAt).toUTCString();
  return {
    to,
    subject: `${inviterName} invited you to work on the survey "${surveyTitle}"`,
    html: [
      `<p>${escapeHtml(inviterName)} invited you to contribute to the survey <strong>${escapeHtml(surveyTitle)}</strong> in Surveys.</p>`,
      `<p><a href="${escapeHtml(acceptUrl)}">Accept the invitation</a></p>`,
      `<p>Sign in with this address (${escapeHtml(to)}) to accept. The link works once and expires on ${escapeHtml(expires)}.</p>`,
    ].join("\n"),
  };
}
