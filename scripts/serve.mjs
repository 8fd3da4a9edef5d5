// A small static server for the demo: the package (pkg/, the build's output) at the site's root, as
// a host serves it, with the demo's pages from www/ beside it. A path is answered from pkg/pages/
// (the built demo pages, app.html with its prerendered first screens), else pkg/, else www/; so
// the package's files (its loader, embed.html, …) stand in for their sources in www/.
// /bench-pkg/* is the benchmark's build in target/bench-pkg/.
// Used by the demo command and by the page tests (which start it on two ports for two origins).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
};

const isFile = (file) => stat(file).then((s) => s.isFile(), () => false);

/**
 * Resolves a URL path to a file (see above; given `root`, under that folder alone), refusing
 * anything outside the folders; a folder's path to its index.html.
 */
async function fileFor(pathname, root) {
  const clean = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, "");
  let rel = clean.slice(1);
  if (rel === "" || rel.endsWith("/")) rel += "index.html";
  const bases = root
    ? [root]
    : clean.startsWith("/bench-pkg/") // the benchmark's build (scripts/bench.sh)
      ? ["target/bench-pkg"]
      : ["pkg/pages", "pkg", "www"];
  if (clean.startsWith("/bench-pkg/")) rel = rel.slice("bench-pkg/".length);
  for (const base of bases) {
    const dir = resolve(ROOT, base);
    let file = resolve(dir, rel);
    if (!file.startsWith(dir + "/")) return null;
    if (await stat(file).then((s) => s.isDirectory(), () => false)) file = join(file, "index.html");
    if (await isFile(file)) return file;
  }
  return null;
}

/**
 * Starts a server. `headers(pathname)` may add response headers (a CSP, say);
 * `routes[pathname](req, res)` may answer a path itself; `root` serves that folder instead.
 */
export function serve({ port = 8080, host = "127.0.0.1", headers = () => ({}), routes = {}, root, quiet = true } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, `http://${req.headers.host}`);
    if (routes[url.pathname]) return routes[url.pathname](req, res);
    const file = await fileFor(url.pathname, root);
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] || "application/octet-stream",
        "cache-control": "no-store",
        // Public static assets: partner pages import the frame helper across origins.
        "access-control-allow-origin": "*",
        ...headers(url.pathname),
      });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
    if (!quiet) console.log(req.method, url.pathname, res.statusCode);
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => ok(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT || 8080);
  await serve({ port, quiet: false });
  console.log(`cx-scorecard demo: http://localhost:${port}/`);
}
