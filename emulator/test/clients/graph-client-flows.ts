/**
 * @microsoft/microsoft-graph-client 3 against the emulator's Graph subset, configured as the
 * app configures it for any cloud: baseUrl = GRAPH_BASE_URL, customHosts = its host name.
 * Tokens come from the parent test (the token endpoint is tested elsewhere).
 */
import { Client, GraphError, type PageCollection, PageIterator } from "@microsoft/microsoft-graph-client";
import { finish } from "./scenario";

interface GraphInput {
  graphBaseUrl: string;
  tokens: { user: string; userReadOnly: string; app: string; expired: string; otherAudience: string; guest: string };
}

const input = JSON.parse(process.env.SCENARIO_INPUT ?? "{}") as GraphInput;
const client = (token: string) =>
  Client.init({
    authProvider: (done) => done(null, token),
    baseUrl: input.graphBaseUrl,
    customHosts: new Set([new URL(input.graphBaseUrl).hostname]),
  });

async function capture<T>(
  fn: () => Promise<T>,
): Promise<{ ok: T } | { error: { statusCode: number; code: string | null; message: string } }> {
  try {
    return { ok: await fn() };
  } catch (error) {
    if (error instanceof GraphError)
      return { error: { statusCode: error.statusCode, code: error.code, message: error.message } };
    throw error;
  }
}

const user = client(input.tokens.user);
const me = await user.api("/me").get();
const meSelected = await user.api("/me").select(["displayName", "mail"]).get();
const organization = await user.api("/organization").get();
const filtered = await user.api("/users").filter("startswith(displayName,'A')").top(5).get();
const searched = await user
  .api("/users")
  .header("ConsistencyLevel", "eventual")
  .search('"displayName:vance"')
  .count(true)
  .get();
const searchWithoutHeader = await capture(() => user.api("/users").search('"displayName:vance"').get());
const firstPage: PageCollection = await user.api("/users").top(2).get();
const allIds: string[] = [];
await new PageIterator(user, firstPage, (u: { id: string }) => {
  allIds.push(u.id);
  return true;
}).iterate();
const sent = await user.api("/me/sendMail").post({
  message: {
    subject: "You are invited to contribute to a survey",
    body: { contentType: "Text", content: "Join us." },
    toRecipients: [{ emailAddress: { address: "lee@fabrikam.com" } }],
  },
  saveToSentItems: "false",
});
const noRecipients = await capture(() => user.api("/me/sendMail").post({ message: { subject: "x" } }));
const photo = await capture(() => user.api("/me/photos/48x48/$value").get());
const basicUsers = await user.api("/users").filter("userPrincipalName eq 'adele@contoso.com'").get();
const usersNotAllowed = await capture(() => client(input.tokens.userReadOnly).api("/users").get());
const mailNotAllowed = await capture(() =>
  client(input.tokens.userReadOnly)
    .api("/me/sendMail")
    .post({ message: { toRecipients: [{ emailAddress: { address: "a@b.c" } }] } }),
);
const appMe = await capture(() => client(input.tokens.app).api("/me").get());
const appUsers = await client(input.tokens.app).api("/users").select(["id", "displayName"]).get();
const expired = await capture(() => client(input.tokens.expired).api("/me").get());
const wrongAudience = await capture(() => client(input.tokens.otherAudience).api("/me").get());
const guestList = await capture(() => client(input.tokens.guest).api("/users").get());
const unknownSegment = await capture(() => user.api("/me/nothingHere").get());

finish({
  me,
  meSelected,
  organization,
  filtered,
  searched,
  searchWithoutHeader,
  allIds,
  sent: sent ?? null,
  noRecipients,
  photo,
  basicUsers,
  usersNotAllowed,
  mailNotAllowed,
  appMe,
  appUsers,
  expired,
  wrongAudience,
  guestList,
  unknownSegment,
});
