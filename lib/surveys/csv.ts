// CSV for spreadsheets: RFC 4180 quoting, CRLF line ends, a UTF-8 BOM (so Excel reads UTF-8), and
// no formulas: a cell that a spreadsheet would evaluate (= + - @, tab, CR) gets a leading quote,
// since respondents write what ends up in the owner's spreadsheet. Pure.
import type { StoredValue } from "./answers";
import type { OptionDto, QuestionType } from "./schemas";

export const CSV_BOM = "\uFEFF";
export const CSV_HEADER = ["Response ID", "Submitted at", "Respondent"] as const;

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvRow(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

export interface CsvQuestion {
  type: QuestionType;
  options: readonly OptionDto[];
}

/** One answer as a cell: option labels (not ids), multiple choices joined with "; ". */
export function answerCell(question: CsvQuestion, value: StoredValue | undefined): string {
  if (value === undefined) return "";
  const label = (id: string) => question.options.find((o) => o.id === id)?.label ?? id;
  switch (question.type) {
    case "SINGLE_CHOICE":
      return typeof value === "string" ? label(value) : "";
    case "MULTIPLE_CHOICE":
      return Array.isArray(value) ? value.map(label).join("; ") : "";
    case "YES_NO":
      return value === true ? "Yes" : value === false ? "No" : "";
    default:
      return Array.isArray(value) ? value.join("; ") : String(value);
  }
}
