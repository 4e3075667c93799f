// The copies of the article format, read as data: the validator's key lists (crates/broadsheet/src/validate/article.rs),
// the JSON Schema's shapes, the tables of docs/format-v1.md. Each reader returns the same structure,
// `{ SHAPE: { keys: [...], required?: [...] } }`, with one SHAPE per object the format has:
// `article`, `section`, `author`, `related`, `relatedItem`, `thumbnail` (also an embed's image), `srcsetItem`, `listItem`,
// and one per block type.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../", import.meta.url));
export const read = (path) => readFileSync(root + path, "utf8");
export const readJson = (path) => JSON.parse(read(path));

/** Every string literal in a piece of Rust. */
const strings = (rust) => [...rust.matchAll(/"([^"\\]*)"/g)].map((m) => m[1]);

/**
 * The validator's key lists: `ARTICLE_KEYS`, `BLOCK_TYPES`, and the keys passed to
 * `self.object(value, path, &[...])` for each object of the format. A block type's keys are the first
 * object call of the method `fn block` dispatches it to (`"paragraph" => self.paragraph(...)`); the
 * one type checked inline (divider) is the object call in `fn block` itself. A nested object is the
 * first object call of its method (`fn section`, `fn list_item`, …) or after a marker in it: the
 * srcset candidate after `fields.get("srcset")`, a related item after `"items"` in `fn related`.
 * An object call that none of these reads is an error: a new object must be compared too.
 */
export function validatorShapes(path = "crates/broadsheet/src/validate/article.rs") {
  const rust = read(path);
  const fail = (what) => { throw new Error(`${path}: ${what}; update validatorShapes in tests/format/sources.mjs if the code moved`); };
  const constant = (name) => {
    const m = rust.match(new RegExp(`const ${name}: &\\[&str\\] = &\\[([^\\]]*)\\]`));
    return m ? strings(m[1]) : fail(`no const ${name}`);
  };
  // Method bodies: from one `fn NAME` to the next.
  const fns = {};
  const heads = [...rust.matchAll(/^ {4}(?:pub(?:\([^)]*\))? )?fn (\w+)/gm)];
  heads.forEach((m, i) => { fns[m[1]] = { at: m.index, text: rust.slice(m.index, heads[i + 1]?.index ?? rust.length) }; });
  const call = /\b(?:self|c)\.object\(\s*\w+,\s*&?\w+,\s*([^)]*?)\s*\)/g;
  const seen = new Set();
  /** The keys of the first `object(…)` call in `fn name` after `marker`. */
  const keysAfter = (name, marker = "") => {
    const fn = fns[name] ?? fail(`no fn ${name}`);
    const from = fn.text.indexOf(marker);
    call.lastIndex = Math.max(from, 0);
    const m = from < 0 ? null : call.exec(fn.text);
    if (!m) return fail(`no object(…) call in fn ${name}${marker && ` after ${marker}`}`);
    seen.add(fn.at + m.index);
    const arg = m[1];
    if (arg.startsWith("&[")) return strings(arg);
    if (/^[A-Z_]+$/.test(arg)) return constant(arg);
    const local = fn.text.match(new RegExp(`let ${arg.replace(/^&/, "")} = \\[([^\\]]*)\\]`));
    return local ? strings(local[1]) : fail(`fn ${name}: cannot read the keys of object(…, ${arg})`);
  };
  const blockTypes = constant("BLOCK_TYPES");
  const shapes = { article: { keys: keysAfter("article") } };
  const dispatch = [...(fns.block ?? fail("no fn block")).text.matchAll(/"(\w+)" => self\.(\w+)\(/g)];
  for (const [, type, method] of dispatch) shapes[type] = { keys: keysAfter(method) };
  const inline = blockTypes.filter((type) => !dispatch.some(([, t]) => t === type));
  if (inline.length !== 1) fail(`fn block: expected one block type checked inline, found ${inline.join(", ") || "none"}`);
  shapes[inline[0]] = { keys: keysAfter("block") };
  shapes.section = { keys: keysAfter("section") };
  shapes.author = { keys: keysAfter("author") };
  shapes.related = { keys: keysAfter("related") };
  shapes.relatedItem = { keys: keysAfter("related", '"items"') };
  shapes.thumbnail = { keys: keysAfter("picture_object") };
  shapes.listItem = { keys: keysAfter("list_item") };
  const srcset = Object.keys(fns).find((name) => fns[name].text.includes('fields.get("srcset")')) ?? fail('no fields.get("srcset")');
  shapes.srcsetItem = { keys: keysAfter(srcset, 'fields.get("srcset")') };
  for (const m of rust.matchAll(call)) {
    if (seen.has(m.index)) continue;
    const fn = heads.filter((h) => h.index < m.index).at(-1)?.[1];
    fail(`fn ${fn} checks an object (${m[0]}) that these tests do not compare`);
  }
  return { blockTypes, shapes };
}

/** The JSON Schema's object shapes: `properties` and `required` of each. */
export function schemaShapes(schema) {
  const resolve = (node) => {
    while (node?.$ref && !node.properties) {
      if (!node.$ref.startsWith("#/")) throw new Error(`schema: cannot follow ${node.$ref}`);
      node = node.$ref.slice(2).split("/").reduce((at, key) => at[key], schema);
    }
    return node;
  };
  /** The object schema a property holds: through `$ref`, and the branch of an `anyOf`/`oneOf` with properties. */
  const object = (node, where) => {
    node = resolve(node);
    if (node?.properties) return node;
    for (const branch of [...(node?.anyOf ?? []), ...(node?.oneOf ?? [])]) {
      const found = resolve(branch);
      if (found?.properties) return found;
    }
    throw new Error(`schema: ${where} is not an object schema`);
  };
  const items = (node, where) => {
    node = resolve(node);
    for (const candidate of [node, ...(node?.anyOf ?? []).map(resolve)]) if (candidate?.items) return candidate.items;
    throw new Error(`schema: ${where} is not an array schema`);
  };
  const shape = (node) => ({ keys: Object.keys(node.properties), required: node.required ?? [] });
  const block = resolve(schema.$defs?.block);
  const blockTypes = block?.properties?.type?.enum ?? [];
  const shapes = { article: shape(schema) };
  for (const variant of block?.oneOf ?? []) {
    const node = resolve(variant);
    const type = node.properties?.type?.const;
    if (typeof type !== "string") throw new Error(`schema: a block variant has no "type": { "const": … }`);
    shapes[type] = shape(node);
  }
  const props = schema.properties;
  shapes.section = shape(object(props.section, "properties.section"));
  shapes.author = shape(object(items(props.authors, "properties.authors"), "properties.authors.items"));
  const related = object(props.related, "properties.related");
  shapes.related = shape(related);
  const relatedItem = object(items(related.properties.items, "related.items"), "related.items.items");
  shapes.relatedItem = shape(relatedItem);
  shapes.thumbnail = shape(object(relatedItem.properties.image, "related.items.items.image"));
  const list = resolve(block.oneOf.find((variant) => resolve(variant).properties?.type?.const === "list"));
  shapes.listItem = shape(object(items(list.properties.items, "list.items"), "list.items.items"));
  const image = object(schema.$defs.image, "$defs.image");
  shapes.srcsetItem = shape(object(items(image.properties.srcset, "image.srcset"), "image.srcset.items"));
  const heroTypes = (resolve(props.hero).anyOf ?? resolve(props.hero).oneOf ?? [])
    .map((branch) => resolve(branch).properties?.type?.const)
    .filter(Boolean);
  return { blockTypes, heroTypes, shapes };
}

/** The cells of each row of the first Markdown table after `heading`. `\|` stays in a cell. */
function table(markdown, heading) {
  const at = markdown.indexOf(`\n${heading}\n`);
  if (at < 0) throw new Error(`docs: no heading "${heading}"`);
  const lines = markdown.slice(at).split("\n");
  const start = lines.findIndex((line) => line.startsWith("|"));
  const rows = [];
  for (const line of lines.slice(start)) {
    if (!line.startsWith("|")) break;
    rows.push(line.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim()));
  }
  return rows.slice(2); // header and separator
}

/**
 * A shape written like `{ title, items: [{ headline, url, image? }] }`: `?` marks an optional key;
 * a key followed by `:` holds a nested shape (in `[…]` for an array of them).
 */
export function parseShape(text) {
  let i = 0;
  const skip = () => { while (i < text.length && /[\s[\]`]/.test(text[i])) i++; };
  const fail = () => { throw new Error(`docs: cannot read the shape ${text} at ${i}`); };
  const object = () => {
    skip();
    if (text[i++] !== "{") fail();
    const fields = {};
    for (;;) {
      skip();
      const m = /^([A-Za-z]+)(\??)/.exec(text.slice(i));
      if (!m) fail();
      i += m[0].length;
      const field = (fields[m[1]] = { optional: m[2] === "?" });
      skip();
      if (text[i] === ":") { i++; field.shape = object(); skip(); }
      if (text[i] === ",") { i++; continue; }
      if (text[i++] !== "}") fail();
      return fields;
    }
  };
  return object();
}

const fromFields = (fields) => ({
  keys: Object.keys(fields),
  required: Object.keys(fields).filter((key) => !fields[key].optional),
});

/**
 * The keys of a block's "fields" cell: `` `level` 2..6, `text` (md), `id?` (…) ``. Parts are split at
 * commas and at `**or**` outside backticks and parentheses; a part that starts with a backticked
 * name names a key, `?` marks it optional; keys joined by `**or**` are one-of, so neither is
 * required.
 */
export function parseFields(cell) {
  const parts = [];
  let current = "", tick = false, depth = 0;
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i];
    if (c === "`") tick = !tick;
    else if (!tick && c === "(") depth++;
    else if (!tick && c === ")") depth--;
    const top = !tick && depth === 0;
    if (top && c === ",") { parts.push({ text: current }); current = ""; continue; }
    if (top && cell.startsWith("**or**", i)) { parts.push({ text: current, or: true }); current = ""; i += 5; continue; }
    if (depth === 0 && c !== ")") current += c;
  }
  parts.push({ text: current });
  const fields = {};
  parts.forEach((part, n) => {
    const m = /^\s*`([A-Za-z]+)(\??)`/.exec(part.text);
    if (!m) return;
    const oneOf = part.or || parts[n - 1]?.or;
    fields[m[1]] = { optional: m[2] === "?" || oneOf };
    const nested = part.text.match(/`(\[?\{[^`]*\}\]?)`/);
    if (nested) fields[m[1]].shape = parseShape(nested[1]);
  });
  return fields;
}

/** The format as docs/format-v1.md's two tables write it. */
export function docsShapes(path = "docs/format-v1.md") {
  const markdown = read(path);
  const article = {};
  const nested = {};
  for (const [keyCell, typeCell, requiredCell] of table(markdown, "## The article")) {
    for (const [, key] of keyCell.matchAll(/`([A-Za-z]+)`/g)) {
      article[key] = { optional: !/yes/.test(requiredCell) };
      const shape = typeCell.match(/`(\[?\{.*\}\]?)`/);
      if (shape) nested[key] = parseShape(shape[1]);
    }
  }
  const need = (key) => nested[key] ?? (() => { throw new Error(`docs: the article table gives no { … } shape for ${key}`); })();
  const shapes = {
    article: fromFields(article),
    section: fromFields(need("section")),
    author: fromFields(need("authors")),
    related: fromFields(need("related")),
    relatedItem: fromFields(need("related").items?.shape ?? {}),
  };
  const blockTypes = [];
  for (const [typeCell, fieldsCell] of table(markdown, "## Blocks, tagged by `type`")) {
    const type = typeCell.match(/^`([a-z]+)`$/)?.[1];
    if (!type) throw new Error(`docs: block table row "${typeCell}" does not name one type`);
    blockTypes.push(type);
    const fields = { type: { optional: false }, ...parseFields(fieldsCell) };
    shapes[type] = fromFields(fields);
    if (fields.srcset?.shape) shapes.srcsetItem = fromFields(fields.srcset.shape);
  }
  const names = { thumbnail: "thumbnail", "list item": "listItem" };
  for (const row of table(markdown, "## Thumbnails and list items (format 1.1)")) {
    const shape = names[row[0]] ?? (() => { throw new Error(`docs: unknown object "${row[0]}" (known: ${Object.keys(names)})`); })();
    shapes[shape] = fromFields(parseFields(row.at(-1)));
  }
  return { blockTypes, shapes };
}
