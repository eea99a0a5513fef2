import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { answerCell, csvCell, csvRow } from "./csv";

describe("CSV cells", () => {
  test("plain text stays as it is", () => {
    assert.equal(csvCell("Hello world"), "Hello world");
    assert.equal(csvCell(""), "");
  });

  test("commas, quotes and line breaks are quoted, quotes doubled (RFC 4180)", () => {
    assert.equal(csvCell("a,b"), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell("line 1\nline 2"), '"line 1\nline 2"');
    assert.equal(csvCell("a\r\nb"), '"a\r\nb"');
  });

  test("anything a spreadsheet would evaluate gets a leading quote", () => {
    for (const formula of ["=1+1", "+1", "-1", "@SUM(A1)", "\tTab", "\rCR"]) {
      assert.ok(csvCell(formula).replace(/^"/, "").startsWith("'"), formula);
    }
    assert.equal(csvCell('=HYPERLINK("http://x")'), '"\'=HYPERLINK(""http://x"")"');
    assert.equal(csvCell("a=b"), "a=b");
  });

  test("rows end with CRLF", () => {
    assert.equal(csvRow(["a", "b,c", "=d"]), 'a,"b,c",\'=d\r\n');
  });
});

describe("answer cells", () => {
  const options = [
    { id: "o1", label: "Red" },
    { id: "o2", label: "Green, light" },
  ];
  test("choices show labels; several are joined with '; '", () => {
    assert.equal(answerCell({ type: "SINGLE_CHOICE", options }, "o1"), "Red");
    assert.equal(answerCell({ type: "MULTIPLE_CHOICE", options }, ["o1", "o2"]), "Red; Green, light");
  });
  test("yes/no, numbers, dates and no answer", () => {
    assert.equal(answerCell({ type: "YES_NO", options: [] }, true), "Yes");
    assert.equal(answerCell({ type: "YES_NO", options: [] }, false), "No");
    assert.equal(answerCell({ type: "NPS", options: [] }, 0), "0");
    assert.equal(answerCell({ type: "DATE", options: [] }, "2026-03-01"), "2026-03-01");
    assert.equal(answerCell({ type: "RATING", options: [] }, undefined), "");
  });
});
