// The TypeScript types of the built package compile against typical use, and reject misuse
// (tests/package/types.ts, with @ts-expect-error lines).
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

test("pkg/broadsheet.d.ts and broadsheet-element.d.ts type the article, options, errors and element", () => {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  execFileSync("node_modules/.bin/tsc", ["-p", "tests/package"], { cwd: root, stdio: "inherit" });
});

test("pkg/broadsheet.d.ts compiles without the DOM library (a Node-only project)", () => {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  execFileSync("node_modules/.bin/tsc", ["-p", "tests/package/tsconfig.node.json"], { cwd: root, stdio: "inherit" });
});
