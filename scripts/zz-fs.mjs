import { launch, startServer } from "/work/main/tests/pages/harness.mjs";
import { firstScreenRows, routes } from "/work/main/scripts/bench-first-screen.mjs";
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
const ms = (x) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
const browser = await launch(); const site = await startServer({ routes });
for (const r of await firstScreenRows(browser, site.origin, Number(process.argv[2] || 2), { ms, pct })) console.log(r.join(" | "));
await browser.close(); site.server.close();
