// Human sentences for the Entra errors a person can meet while signing in or signing up. The
// code is shown too: it is what an administrator searches for.
const SENTENCES: Record<string, string> = {
  "50020":
    "Your account is not part of that organization. Sign in with an account of the organization, or ask to be invited as a guest.",
  "50034": "Microsoft could not find that account.",
  "50058": "Microsoft could not find a signed-in account for a silent sign-in.",
  "50076": "Your organization requires multi-factor authentication for this sign-in.",
  "50105": "An administrator of your organization has not given you access to Surveys.",
  "50126": "The user name or password was not accepted.",
  "65001": "Surveys has not been given the permissions it needs in your organization.",
  "65004": "The permission request was declined.",
  "90093": "Your organization's policy lets only administrators approve apps.",
  "90094":
    "An administrator of your organization must approve Surveys before anyone can use it. Ask them to sign up your organization.",
  "700016": "This copy of Surveys is not registered with Microsoft Entra ID correctly. Tell its operator.",
  "50011": "The sign-in address of this copy of Surveys is not registered with Microsoft Entra ID. Tell its operator.",
  "90002": "Microsoft Entra ID does not know that organization.",
};

export function describeAadsts(code: string | undefined): string | undefined {
  return code ? SENTENCES[code] : undefined;
}
