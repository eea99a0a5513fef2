import QRCode from "qrcode";
import { AUDIENCE_LABELS, respondentPath } from "@/app/components/survey-labels";
import { requireIdentity } from "@/lib/env";
import type { SurveyDto } from "@/lib/surveys/schemas";
import { CopyLink } from "./copy-link";

/** The respondent link of a published (or closed) survey, to copy or to scan. */
export async function SharePanel({ survey }: { survey: SurveyDto }) {
  const url = new URL(respondentPath(survey.tenantId, survey.id), requireIdentity().appUrl).toString();
  // Rendered here, on the server: the browser gets plain SVG (no script, no canvas).
  const svg = await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return (
    <section aria-labelledby="share-heading" className="panel stack">
      <h2 id="share-heading">Share</h2>
      {survey.status === "CLOSED" ? (
        <p className="muted">The survey is closed: the link shows that it takes no more responses.</p>
      ) : (
        <p className="muted">Who can answer: {AUDIENCE_LABELS[survey.settings.audience].toLowerCase()}.</p>
      )}
      <CopyLink url={url} />
      <figure className="share-qr">
        <div aria-label={`QR code of the share link ${url}`} className="qr-code" role="img">
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: SVG generated on the server by qrcode from our own URL */}
          <div dangerouslySetInnerHTML={{ __html: svg }} />
        </div>
        <figcaption className="muted small">Scan to open the survey on a phone.</figcaption>
      </figure>
    </section>
  );
}
