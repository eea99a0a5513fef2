// Survey settings as stored: a validated patch applied to the current values. Pure.
import type { z } from "zod";
import { ValidationError } from "@/lib/errors";
import type { SurveyAudience } from "@/lib/generated/prisma/enums";
import type { SurveySettingsInputSchema } from "./schemas";

export interface SettingsColumns {
  audience: SurveyAudience;
  opensAt: Date | null;
  closesAt: Date | null;
  responseLimit: number | null;
}

const toDate = (value: string | null | undefined, current: Date | null): Date | null =>
  value === undefined ? current : value === null ? null : new Date(value);

/** Omitted fields keep their value, null clears one; the result must still be coherent. */
export function applySettings(
  current: SettingsColumns,
  patch: z.output<typeof SurveySettingsInputSchema> | undefined,
): SettingsColumns {
  const next: SettingsColumns = {
    audience: patch?.audience ?? current.audience,
    opensAt: toDate(patch?.opensAt, current.opensAt),
    closesAt: toDate(patch?.closesAt, current.closesAt),
    responseLimit: patch?.responseLimit === undefined ? current.responseLimit : patch.responseLimit,
  };
  if (next.opensAt && next.closesAt && next.opensAt >= next.closesAt) {
    const message = "The closing time must be after the opening time.";
    throw new ValidationError(message, { "settings.closesAt": [message] });
  }
  return next;
}
