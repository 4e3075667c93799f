// Node, CommonJS: `node render.js article.json` prints the article's HTML (require() of the ES
// module package, which Node 20.19 and later do without a flag).
const { readFileSync } = require("node:fs");
const broadsheet = require("broadsheet");
require("broadsheet/element"); // Loads without a DOM: it only defines the element where there is one.

broadsheet.default().then(() => {
  process.stdout.write(broadsheet.renderArticle(readFileSync(process.argv[2], "utf8")));
});
