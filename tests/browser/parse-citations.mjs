// Reads citation files with citation-js, a real citation parser, and prints what it made of
// them as CSL-JSON: one array per file, in the order given. Used by tests/suite/cite.rs.
import { readFileSync } from "node:fs";
import { Cite } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import "@citation-js/plugin-ris";
import "@citation-js/plugin-csl";

const out = process.argv.slice(2).map((file) => {
  const text = readFileSync(file, "utf8");
  const input = file.endsWith(".json") ? JSON.parse(text) : text;
  return new Cite(input).data;
});
process.stdout.write(JSON.stringify(out));
