// The TypeScript types of the built package compile against typical use, and reject misuse
// (tests/package/types.ts, with @ts-expect-error lines).
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

test("pkg/broadsheet.d.ts types the article, options, errors and element", () => {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  execFileSync("node_modules/.bin/tsc", ["-p", "tests/package"], { cwd: root, stdio: "inherit" });
});
