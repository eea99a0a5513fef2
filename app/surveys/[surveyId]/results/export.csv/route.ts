// GET /surveys/{surveyId}/results/export.csv: the survey's responses as CSV, for the signed-in
// person. The Survey API builds and streams the file (lib/surveys/export.ts: UTF-8 with a BOM,
// one row per response, formula-safe cells); this handler passes the stream on as it arrives,
// so nothing is held in memory. People who may not see the results get a 404, like the page.
import { withApi } from "@/lib/web/api-action";
import { isRefusal } from "../results-access";

export async function GET(_request: Request, { params }: { params: Promise<{ surveyId: string }> }) {
  const { surveyId } = await params;
  try {
    const download = await withApi((api) => api.exportResponses({ params: { surveyId } }));
    return new Response(download.body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${download.filename.replace(/[^\w.-]/g, "_")}"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    if (isRefusal(error)) {
      return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
    }
    throw error;
  }
}
