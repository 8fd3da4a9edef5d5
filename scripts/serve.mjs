// A small static server for the host pages: /pkg/* is served from pkg/, /bench-pkg/* from the
// benchmark's build in target/bench-pkg/, everything else from www/, where the build's pages
// (pkg/pages/: embed.html and app.html with their prerendered first screens) stand in for their
// sources.
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

/**
 * Resolves a URL path to a file under pkg/ or www/ (or, given `root`, under that folder alone),
 * refusing anything outside them.
 */
function fileFor(pathname, root) {
  const clean = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, "");
  const [base, rel] = root
    ? [root, clean.slice(1)]
    : clean.startsWith("/pkg/")
      ? ["pkg", clean.slice(5)]
      : clean.startsWith("/bench-pkg/") // the benchmark's build (scripts/bench.sh)
        ? ["target/bench-pkg", clean.slice(11)]
        : ["www", clean.slice(1)];
  const dir = resolve(ROOT, base);
  const file = resolve(dir, rel || "index.html");
  return file.startsWith(dir) ? file : null;
}

/**
 * Starts a server. `headers(pathname)` may add response headers (a CSP, say);
 * `routes[pathname](req, res)` may answer a path itself; `root` serves that folder instead.
 */
export function serve({ port = 8080, host = "127.0.0.1", headers = () => ({}), routes = {}, root, quiet = true } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, `http://${req.headers.host}`);
    if (routes[url.pathname]) return routes[url.pathname](req, res);
    let file = fileFor(url.pathname, root);
    const built = !root && file?.startsWith(resolve(ROOT, "www")) && resolve(ROOT, "pkg/pages", file.slice(resolve(ROOT, "www").length + 1));
    if (built && (await stat(built).then((s) => s.isFile(), () => false))) file = built;
    try {
      if (file && (await stat(file)).isDirectory()) file = join(file, "index.html");
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
