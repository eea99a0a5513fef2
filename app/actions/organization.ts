"use server";

import { redirect } from "next/navigation";
import { refusalPath } from "@/lib/auth/refusals";
import { requireRole } from "@/lib/auth/session";
import { offboardOrganization } from "@/lib/tenants/offboarding";

export interface OffboardState {
  error?: string;
}

export async function offboardOrganizationAction(_previous: OffboardState, form: FormData): Promise<OffboardState> {
  const session = await requireRole("SurveyAdmin");
  const confirmation = String(form.get("confirmation") ?? "").trim();
  if (confirmation !== session.tenantName) {
    return { error: `Type the organization's name, ${session.tenantName}, exactly as shown to confirm.` };
  }
  await offboardOrganization(session.actor);
  redirect(refusalPath("offboarded_tenant"));
}
