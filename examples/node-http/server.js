// A node:http server that renders articles on request: POST a JSON article to /render and get its
// HTML; an invalid article gets 422 with every problem as JSON, a body over 1 MiB 413.
//   PORT=8080 node server.js
import { createServer } from "node:http";
import init, { renderArticle } from "broadsheet";

const MAX_BODY = 1 << 20;
await init();

const server = createServer(async (request, response) => {
  const send = (status, type, body) => {
    response.writeHead(status, { "Content-Type": type });
    response.end(body);
  };
  if (request.method !== "POST" || request.url !== "/render") return send(405, "text/plain", "POST /render\n");
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_BODY) return send(413, "text/plain", "the article is over 1 MiB\n");
    chunks.push(chunk);
  }
  try {
    send(200, "text/html; charset=utf-8", renderArticle(Buffer.concat(chunks).toString("utf8")));
  } catch (error) {
    send(422, "application/json", JSON.stringify({ errors: error.errors }));
  }
});
server.listen(Number(process.env.PORT ?? 8080), "127.0.0.1");
