// A question as the editor holds it while someone types: every field a plain value, options with
// a local key (new options have no id yet). Pure, so both the add form and each card use it.
import {
  isChoiceType,
  LIMITS,
  type OptionDto,
  type QuestionDto,
  type QuestionInput,
  type QuestionType,
} from "@/lib/surveys/schemas";

export interface OptionDraft {
  /** React's key; the option's id once it has one. */
  key: string;
  id?: string;
  label: string;
}

export interface QuestionDraft {
  type: QuestionType;
  text: string;
  description: string;
  required: boolean;
  options: OptionDraft[];
}

let nextKey = 0;
export const newOption = (label = ""): OptionDraft => {
  nextKey += 1;
  return { key: `new-${nextKey}`, label };
};

const fromOption = (option: OptionDto): OptionDraft => ({ key: option.id, id: option.id, label: option.label });

export function draftOf(question: QuestionDto): QuestionDraft {
  return {
    type: question.type,
    text: question.text,
    description: question.description,
    required: question.required,
    options: "options" in question ? question.options.map(fromOption) : [],
  };
}

export function emptyDraft(type: QuestionType = "SHORT_TEXT"): QuestionDraft {
  return withType({ type: "SHORT_TEXT", text: "", description: "", required: false, options: [] }, type);
}

/** A choice type gets two empty options to fill in when it has none; other types keep theirs hidden. */
export function withType(draft: QuestionDraft, type: QuestionType): QuestionDraft {
  const options =
    isChoiceType(type) && draft.options.length === 0
      ? Array.from({ length: LIMITS.minOptions }, () => newOption())
      : draft.options;
  return { ...draft, type, options };
}

/** What the API takes; options only for choice types (the strict schema refuses them elsewhere). */
export function inputOf(draft: QuestionDraft): QuestionInput {
  const common = { text: draft.text, description: draft.description, required: draft.required };
  if (draft.type === "SINGLE_CHOICE" || draft.type === "MULTIPLE_CHOICE") {
    return {
      ...common,
      type: draft.type,
      options: draft.options.map((o) => (o.id ? { id: o.id, label: o.label } : { label: o.label })),
    };
  }
  return { ...common, type: draft.type };
}
