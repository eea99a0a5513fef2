// Validated question input → the columns a question row stores. Pure.
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  isChoiceType,
  type QuestionDto,
  type QuestionInput,
  type QuestionInputSchema,
  type QuestionPatchSchema,
} from "./schemas";

export type ParsedQuestionInput = z.output<typeof QuestionInputSchema>;

export interface QuestionData {
  type: ParsedQuestionInput["type"];
  text: string;
  description: string;
  required: boolean;
  options: Prisma.InputJsonObject;
}

/** Short, URL-safe, random: option ids only need to be unique within their question. */
export function newOptionId(): string {
  return randomBytes(6).toString("base64url");
}

export function questionData(input: ParsedQuestionInput): QuestionData {
  const common = {
    type: input.type,
    text: input.text,
    description: input.description ?? "",
    required: input.required ?? false,
  };
  if (input.type !== "SINGLE_CHOICE" && input.type !== "MULTIPLE_CHOICE") return { ...common, options: {} };
  const taken = new Set(input.options.flatMap((o) => (o.id ? [o.id] : [])));
  const options = input.options.map((option) => {
    if (option.id) return { id: option.id, label: option.label };
    let id = newOptionId();
    while (taken.has(id)) id = newOptionId();
    taken.add(id);
    return { id, label: option.label };
  });
  return { ...common, options: { options } };
}

/**
 * The stored question with a patch applied, still unvalidated: the caller parses the result as a
 * whole question, so a patch can never leave a question half-valid (e.g. a choice question
 * without options). Options survive only while the type stays a choice type.
 */
export function mergeQuestionPatch(existing: QuestionDto, patch: z.output<typeof QuestionPatchSchema>): QuestionInput {
  const type = patch.type ?? existing.type;
  const merged = {
    type,
    text: patch.text ?? existing.text,
    description: patch.description ?? existing.description,
    required: patch.required ?? existing.required,
  };
  if (!isChoiceType(type)) {
    // Options sent for a type without options are refused by the strict schema, not dropped.
    const plain = { ...merged, type };
    return patch.options === undefined ? plain : ({ ...plain, options: patch.options } as unknown as QuestionInput);
  }
  const kept = "options" in existing ? existing.options : [];
  return { ...merged, type, options: patch.options ?? kept };
}
