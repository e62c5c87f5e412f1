import { describe, expect, test } from "vitest";
import { CSV_START, csvCell, csvRow } from "../../../server/admin/csv.ts";

describe("CSV cells, as RFC 4180 writes them and spreadsheets read them safely", () => {
  test("plain text and numbers go as they are; nothing is an empty cell", () => {
    expect(csvCell("Water care set")).toBe("Water care set");
    expect(csvCell(66.75)).toBe("66.75");
    expect(csvCell(0)).toBe("0");
    expect(csvCell(null)).toBe("");
  });

  test.each([
    ["a comma", "Tank, 60 L", '"Tank, 60 L"'],
    ["a quote, doubled", 'The "best" tank', '"The ""best"" tank"'],
    ["a line break", "two\nlines", '"two\nlines"'],
    ["a carriage return inside", "a\r\nb", '"a\r\nb"'],
  ])("a cell with %s is quoted", (_name, text, written) => {
    expect(csvCell(text)).toBe(written);
  });

  test.each([
    ["=", '=HYPERLINK("https://evil.example","Click")', `"'=HYPERLINK(""https://evil.example"",""Click"")"`],
    ["+", "+1+2", "'+1+2"],
    ["-", "-2+3", "'-2+3"],
    ["@", "@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["a tab", "\t=1+1", "'\t=1+1"],
    ["a carriage return", "\r=1+1", `"'\r=1+1"`],
  ])(
    "a cell beginning with %s is prefixed with an apostrophe, so it opens as text",
    (_name, text, written) => {
      expect(csvCell(text)).toBe(written);
    },
  );

  test("a formula character inside a cell, not at its start, is left alone", () => {
    expect(csvCell("Tank = home")).toBe("Tank = home");
    expect(csvCell("buyer@example.com")).toBe("buyer@example.com");
  });

  test("a row joins its cells with commas and ends with CRLF; files start with a byte-order mark for Excel", () => {
    expect(csvRow(["Tank", 3, null, "a,b"])).toBe('Tank,3,,"a,b"\r\n');
    expect(CSV_START).toBe("\uFEFF");
  });
});
