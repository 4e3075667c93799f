// The article format is written down in several places; these tests hold the copies to the
// validator (crates/broadsheet/src/validate/article.rs) and the golden fixtures, which are the truth:
// 1. the JSON Schema accepts every valid fixture and rejects every error fixture it can express
//    (those it cannot are listed below, with why);
// 2. the JSON Schema and the native validator (`broadsheet check`) give the same verdict on
//    generated articles: every sample of every object, each key missing, unknown keys, a value of
//    every JSON type in every field, edge values; the rules beyond a schema are listed and checked
//    to still be beyond it;
// 3. the TypeScript types (www/broadsheet.d.ts) accept every valid fixture, `null` for every
//    optional key and `x-` keys on every object, reject what TypeScript can express of the error
//    fixtures, and name the same keys, required alike, as the schema;
// 4. the key lists of the validator, the schema's properties and the tables of docs/format-v1.md
//    name the same keys (and the docs and the schema the same required ones).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { before, describe, test } from "node:test";
import { beyondSchema, edgeArticles, place, samples, variations } from "./articles.mjs";
import { docsShapes, read, readJson, root, schemaShapes, validatorShapes } from "./sources.mjs";
import { compileSchema, nativeVerdicts, schemaPath } from "./validators.mjs";

const fixtures = readdirSync(`${root}tests/fixtures`)
  .filter((file) => file.endsWith(".json") && !file.endsWith(".options.json"))
  .map((file) => ({ name: file.slice(0, -5), text: read(`tests/fixtures/${file}`) }));
const errorFixtures = readdirSync(`${root}tests/errors`)
  .filter((file) => file.endsWith(".json"))
  .map((file) => ({ name: file.slice(0, -5), text: read(`tests/errors/${file}`) }));

/** The error fixtures whose problem a JSON Schema cannot see, and why. */
const notForSchema = {
  "control-characters": "control characters and noncharacters: the schema leaves characters to the validator",
  "duplicate-key": "a duplicate key is a JSON text problem: a parsed value has one of each key",
  "syntax": "not JSON at all",
};

const validate = compileSchema();
const schemaSays = (value) => validate(value);
/** The schema's first complaints, short. */
const complaints = (errors) => (errors ?? []).slice(0, 3).map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ");
const why = () => complaints(validate.errors);
const parseOrUndefined = (text) => { try { return JSON.parse(text); } catch { return undefined; } };

/** Pieces of a many-problem error fixture, each alone in an otherwise valid article. */
function pieces({ name, text }) {
  const value = parseOrUndefined(text);
  if (!value || typeof value !== "object" || Array.isArray(value)) return [];
  const base = { headline: "H", body: [] };
  const out = [];
  for (const key of Object.keys(value)) {
    if (key !== "body" && key !== "headline") out.push({ name: `${name} ${key}`, article: { ...base, [key]: value[key] } });
  }
  (Array.isArray(value.body) ? value.body : []).forEach((block, i) => {
    out.push({ name: `${name} body[${i}]`, article: { ...base, body: [block] } });
  });
  return out;
}

/** Pieces the validator refuses and a schema cannot, with why; every other piece gets one verdict from both. */
const piecesBeyondSchema = {
  "many-problems body[6]": "YouTube URL forms",
  "many-problems body[8]": "a start that disagrees with the url's",
  "many-problems body[12]": "links in Markdown follow the URL policy",
  "obfuscated-urls body[0]": "links in Markdown follow the URL policy",
  "obfuscated-urls body[1]": "URL policy: character references",
  "obfuscated-urls body[4]": "URL policy: invisible characters",
  "control-characters body[0]": "noncharacters: the schema leaves characters to the validator",
  "many-problems: two headings with one id": "heading ids are unique in the body",
  "format-1-1 body[1]": "list nesting limit (limits.max_list_depth)",
  "format-1-1 body[5]": "Vimeo URL forms",
};

describe("1. the JSON Schema and the fixtures", () => {
  for (const { name, text } of fixtures) {
    test(`accepts the valid fixture ${name}`, () => {
      assert.ok(schemaSays(JSON.parse(text)), `${schemaPath} rejects tests/fixtures/${name}.json: ${why()}`);
    });
  }

  for (const { name, text } of errorFixtures) {
    const value = parseOrUndefined(text);
    if (name in notForSchema) {
      test(`cannot express the error fixture ${name} (${notForSchema[name]})`, () => {
        assert.ok(value === undefined || schemaSays(value), `${schemaPath} now rejects tests/errors/${name}.json: take it off the list notForSchema`);
      });
    } else {
      test(`rejects the error fixture ${name}`, () => {
        assert.notEqual(value, undefined, `tests/errors/${name}.json is not JSON: list it in notForSchema`);
        assert.equal(schemaSays(value), false, `${schemaPath} accepts tests/errors/${name}.json`);
      });
    }
  }

  test("judges each problem of the many-problem error fixtures alone as the validator does, but for the listed ones", () => {
    const all = errorFixtures.flatMap(pieces);
    // Two headings with one id are a problem only together.
    const headings = JSON.parse(read("tests/errors/many-problems.json")).body.filter((b) => b?.type === "heading" && b.id);
    const pair = headings.filter((b) => headings.filter((c) => c.id === b.id).length > 1);
    all.push({ name: "many-problems: two headings with one id", article: { headline: "H", body: pair } });
    const native = nativeVerdicts("pieces", all.map(({ article }) => JSON.stringify(article)));
    const wrong = [];
    all.forEach(({ name, article }, i) => {
      const schema = schemaSays(article);
      if (name in piecesBeyondSchema) {
        if (native[i].ok || !schema) wrong.push(`${name}: listed as beyond the schema, but native ${native[i].ok ? "accepts" : "rejects"} and the schema ${schema ? "accepts" : "rejects"}`);
      } else if (schema !== native[i].ok) {
        wrong.push(`${name}: native ${native[i].ok ? "accepts" : `rejects (${native[i].problems.join("; ")})`}, the schema ${schema ? "accepts" : `rejects (${why()})`}`);
      }
    });
    for (const name of Object.keys(piecesBeyondSchema)) if (!all.some((piece) => piece.name === name)) wrong.push(`${name}: listed, but no such piece`);
    assert.deepEqual(wrong, []);
  });
});

describe("2. the JSON Schema and the native validator agree", () => {
  const { blockTypes } = validatorShapes();
  const compare = (name, cases) => {
    const native = nativeVerdicts(name, cases.map(({ article }) => JSON.stringify(article)));
    return cases
      .map(({ name, article }, i) => ({ name, native: native[i], schema: schemaSays(article), errors: validate.errors }))
      .filter(({ native, schema }) => native.ok !== schema)
      .map(({ name, native, schema, errors }) =>
        `${name}: native ${native.ok ? "accepts" : `rejects (${native.problems.join("; ")})`}, the schema ${schema ? "accepts" : `rejects (${complaints(errors)})`}`);
  };

  test("every key of every object has a sample", () => {
    const { shapes } = validatorShapes();
    for (const [shape, { keys }] of Object.entries(shapes)) {
      assert.ok(samples[shape], `tests/format/articles.mjs has no sample of ${shape}`);
      const given = new Set(samples[shape].flatMap(Object.keys));
      assert.deepEqual(keys.filter((key) => !given.has(key)), [], `the samples of ${shape} give no value to these keys`);
    }
  });

  test("every sample is valid", () => {
    const cases = Object.entries(samples).flatMap(([shape, list]) => list.map((value) => ({ name: shape, article: place(shape, value) })));
    const native = nativeVerdicts("samples", cases.map(({ article }) => JSON.stringify(article)));
    assert.deepEqual(cases.flatMap(({ name }, i) => native[i].ok ? [] : [`${name}: ${native[i].problems}`]), []);
  });

  /** Variations on which the validator is stricter than a schema can be, with why. */
  const variationsBeyondSchema = {
    'youtube#2: url = "x"': "which URLs are YouTube videos",
    'hero youtube#2: url = "x"': "which URLs are YouTube videos",
    'youtube#2: type = "vimeo"': "which URLs are Vimeo videos",
    'vimeo#2: url = "x"': "which URLs are Vimeo videos",
    'vimeo#2: type = "youtube"': "which URLs are YouTube videos",
    'hero vimeo#2: type = "youtube"': "which URLs are YouTube videos",
  };

  test("on each sample with a key missing, added, or holding a value of each JSON type", () => {
    const cases = variations(blockTypes);
    assert.ok(cases.length > 1000, `only ${cases.length} variations`);
    const listed = (line) => Object.keys(variationsBeyondSchema).some((name) => line.startsWith(`${name}: native rejects`) && line.endsWith("the schema accepts"));
    const wrong = compare("variations", cases);
    assert.deepEqual(wrong.filter((line) => !listed(line)), []);
    assert.deepEqual(Object.keys(variationsBeyondSchema).filter((name) => !wrong.some((line) => line.startsWith(`${name}: `))), [], "listed as beyond the schema, but the schema agrees");
  });

  test("on edge values: blank text, language tags, dates, ids, ranges", () => {
    assert.deepEqual(compare("edges", edgeArticles()), []);
  });

  test("the rules beyond the schema are still beyond it (the validator refuses, the schema accepts)", () => {
    const native = nativeVerdicts("beyond", beyondSchema.map(([, article]) => JSON.stringify(article)));
    const wrong = beyondSchema
      .map(([name, article], i) => ({ name, native: native[i].ok, schema: schemaSays(article) }))
      .filter(({ native, schema }) => native || !schema)
      .map(({ name, native, schema }) => `${name}: native ${native ? "accepts" : "rejects"}, the schema ${schema ? "accepts" : "rejects"}`);
    assert.deepEqual(wrong, []);
  });
});

describe("3. the TypeScript types", () => {
  const dir = `${root}target/format-tests/types`;
  const { shapes: schema, heroTypes } = schemaShapes(readJson(schemaPath));
  const { blockTypes } = validatorShapes();
  const files = {};
  let output = "";

  /** The TS type of each shape, as an expression over the exported types. */
  const typeOf = {
    article: "Article",
    section: "NonNullable<Article[\"section\"]>",
    author: "NonNullable<Article[\"authors\"]>[number]",
    related: "NonNullable<Article[\"related\"]>",
    relatedItem: "NonNullable<Article[\"related\"]>[\"items\"][number]",
    srcsetItem: "NonNullable<ImageBlock[\"srcset\"]>[number]",
    thumbnail: "Extract<NonNullable<NonNullable<Article[\"related\"]>[\"items\"][number][\"image\"]>, object>",
    listItem: "Extract<Extract<Block, { type: \"list\" }>[\"items\"][number], object>",
    ...Object.fromEntries(blockTypes.map((type) => [type, `Extract<Block, { type: "${type}" }>`])),
  };
  const union = (keys) => keys.map((key) => JSON.stringify(key)).join(" | ") || "never";
  const ident = (name) => name.replace(/[^A-Za-z0-9]+/g, "_");
  const oneLine = (value) => JSON.stringify(value);

  /** With every optional key (per the schema) `null`, and an `x-` key, in every object a sample has. */
  const loosened = (shape, value) => {
    const { keys, required } = schema[shape];
    const out = { ...value, "x-note": 1 };
    for (const key of keys) {
      // A video's id and url are each optional, but one of them must be given: the sample's stays.
      const keep = key === "type" || required.includes(key) || ((shape === "youtube" || shape === "vimeo") && (key === "id" || key === "url") && key in value);
      if (!keep) out[key] = null;
    }
    return out;
  };

  /** Error-fixture problems TypeScript can express: pieces of the error fixtures, by name. */
  const typeErrors = [
    "many-problems schema", "many-problems dir", "many-problems headlne", "many-problems dek", "many-problems authors",
    "many-problems hero", "many-problems body[0]", "many-problems body[1]", "many-problems body[2]", "many-problems body[3]",
    "many-problems body[9]", "many-problems body[11]", "many-problems body[13]", "many-problems body[16]", "many-problems related",
    "format-1-1 schema", "format-1-1 body[0]", "format-1-1 related",
  ];

  before(() => {
    mkdirSync(dir, { recursive: true });
    const head = `import type { Article, Block, ImageBlock } from "../../../www/broadsheet.js";\n`;
    files["fixtures.ts"] = head + fixtures.map(({ name, text }) => `export const f_${ident(name)}: Article = ${text.trim()};\n`).join("");
    files["loose.ts"] = head + Object.entries(samples).flatMap(([shape, list]) => list.map((value, n) =>
      `export const loose_${shape}_${n}: Article = ${oneLine(place(shape, loosened(shape, value)))};\n`)).join("");
    const errorPieces = errorFixtures.flatMap(pieces);
    files["errors.ts"] = head + [
      ...["no-body", "not-an-object", "duplicate-key", "many-problems"].map((name) =>
        `// @ts-expect-error tests/errors/${name}.json\nexport const e_${ident(name)}: Article = ${read(`tests/errors/${name}.json`).replace(/\s*\n\s*/g, " ").trim()};\n`),
      ...typeErrors.map((name) => {
        const piece = errorPieces.find((p) => p.name === name);
        if (!piece) throw new Error(`no error piece ${name}`);
        return `// @ts-expect-error ${name}\nexport const e_${ident(name)}: Article = ${oneLine(piece.article)};\n`;
      }),
    ].join("");
    files["keys.ts"] = head + [
      "type Keys<T> = Exclude<keyof T, `x-${string}`>;",
      "type RequiredKeys<T> = { [K in Keys<T>]-?: {} extends Pick<T, K> ? never : K }[Keys<T>];",
      "type Same<Want, Have> = { missing: Exclude<Want, Have>; extra: Exclude<Have, Want> };",
      "type None = { missing: never; extra: never };",
      "declare function same<Want, Have>(): Same<Want, Have>;",
      ...Object.entries(typeOf).flatMap(([shape, type]) => [
        `export const keys_${shape}: None = same<${union(schema[shape].keys)}, Keys<${type}>>();`,
        `export const required_${shape}: None = same<${union(schema[shape].required.filter((k) => k !== "type"))}, Exclude<RequiredKeys<${type}>, "type">>();`,
      ]),
      `export const block_types: None = same<${union(blockTypes)}, Block["type"]>();`,
      `export const hero_types: None = same<${union(heroTypes)}, NonNullable<Article["hero"]>["type"]>();`,
      "",
    ].join("\n");
    for (const [file, text] of Object.entries(files)) writeFileSync(`${dir}/${file}`, text);
    writeFileSync(`${dir}/tsconfig.json`, JSON.stringify({
      compilerOptions: {
        target: "es2022", module: "esnext", moduleResolution: "bundler", lib: ["es2022"], types: [],
        strict: true, noEmit: true, skipLibCheck: false,
      },
      files: Object.keys(files),
    }, null, 2));
    const run = spawnSync(`${root}node_modules/.bin/tsc`, ["-p", dir, "--pretty", "false"], { encoding: "utf8" });
    output = run.stdout + run.stderr;
  });
  /** tsc's errors, each with its indented continuation lines. */
  const errors = () => output.split(/\n(?=\S)/).map((error) => error.trim()).filter(Boolean);
  const errorsIn = (file) => errors().filter((error) => error.includes(`/${file}(`));

  test("accept every valid fixture", () => assert.deepEqual(errorsIn("fixtures.ts"), []));
  test("accept null for every optional key and x- keys on every object (as the validator does)", () => {
    const native = nativeVerdicts("loose", Object.entries(samples).flatMap(([shape, list]) => list.map((value) => JSON.stringify(place(shape, loosened(shape, value))))));
    assert.deepEqual(native.filter(({ ok }) => !ok), [], "the validator refuses a loosened sample");
    assert.deepEqual(errorsIn("loose.ts"), []);
  });
  test("reject the error fixtures and problems TypeScript can express", () => assert.deepEqual(errorsIn("errors.ts"), []));
  test("name the keys the schema names, required alike, and the same block types", () => {
    assert.deepEqual(Object.keys(schema).filter((shape) => !typeOf[shape]), [], "shapes with no TypeScript type in typeOf");
    assert.deepEqual(errorsIn("keys.ts"), []);
  });
  test("compile (no errors elsewhere)", () => assert.deepEqual(errors().filter((error) => !Object.keys(files).some((file) => errorsIn(file).includes(error))), []));
});

describe("4. the key lists of the validator, the schema and the docs", () => {
  const validator = validatorShapes();
  const schema = schemaShapes(readJson(schemaPath));
  const docs = docsShapes();
  const sorted = (list) => [...list].sort();
  const diff = (name, want, have) => {
    const missing = want.filter((key) => !have.includes(key));
    const extra = have.filter((key) => !want.includes(key));
    return missing.length || extra.length ? [`${name}: lacks ${JSON.stringify(missing)}, has extra ${JSON.stringify(extra)}`] : [];
  };

  test("block types: validator BLOCK_TYPES = schema block enum and variants = docs block table", () => {
    assert.deepEqual(sorted(schema.blockTypes), sorted(validator.blockTypes), "schema $defs.block.properties.type.enum");
    assert.deepEqual(sorted(docs.blockTypes), sorted(validator.blockTypes), "docs/format-v1.md blocks table");
  });

  test("keys of every object: validator = schema properties", () => {
    const wrong = Object.entries(validator.shapes).flatMap(([shape, { keys }]) =>
      schema.shapes[shape] ? diff(`schema ${shape}`, keys, schema.shapes[shape].keys) : [`schema: no shape ${shape}`]);
    assert.deepEqual(wrong, []);
  });

  test("keys of every object: validator = docs tables", () => {
    const wrong = Object.entries(validator.shapes).flatMap(([shape, { keys }]) =>
      docs.shapes[shape] ? diff(`docs ${shape}`, keys, docs.shapes[shape].keys) : [`docs: no shape ${shape}`]);
    assert.deepEqual(wrong, []);
  });

  test("required keys: docs = schema", () => {
    const blocks = new Set(validator.blockTypes);
    const wrong = Object.entries(schema.shapes).flatMap(([shape, { required }]) => {
      const want = blocks.has(shape) ? [...new Set(["type", ...required])] : required;
      return docs.shapes[shape] ? diff(`docs ${shape} required`, want, docs.shapes[shape].required) : [];
    });
    assert.deepEqual(wrong, []);
  });
});
