// How the package's two entries (index.js for the widget, team.js for the team report) start
// their wasm: once per page, whoever asks first and however many ask; with a clear error on a
// server (where modules may be imported, but nothing can be shown); and, once started, handing
// the wasm what it needs from JavaScript (the stylesheet and the language packs' loader).

const ON_A_SERVER = "needs a browser and this is a server (or a worker): call it in an effect or an event handler, not while rendering";

/**
 * Throws a clear error where what is asked cannot run: with `page`, where there is no document (a
 * server, or a worker); else where there is no browser at all (a server: a worker may validate a
 * definition).
 */
export function needBrowser(what, page = true) {
  const here = page ? typeof document !== "undefined" : typeof self !== "undefined";
  if (!here) throw new Error(`cx-scorecard: ${what} ${ON_A_SERVER}`);
}

/**
 * `glue` is the wasm-bindgen module's `{init, initSync}` and `handOver()` gives its wasm what it
 * needs once started; `wasm()` is the response promise of its wasm (wasm.js) and `forget()` drops
 * it. Returns `{init, initSync, started}`, where `init(input)` and `initSync(module)` take what
 * the glue's take, and `started(what)` throws unless the wasm has started. (Functions, not the
 * glue's module object: a bundler would make that a plain object, whose properties a page's
 * `Object.prototype` could add to.)
 */
export function starter(glue, { handOver: give, wasm, forget }) {
  let ready;
  let done = false;
  const handOver = (exports) => {
    give();
    done = true;
    return exports;
  };
  return {
    init(input) {
      if (!ready) {
        try {
          needBrowser("init()", false);
        } catch (e) {
          return Promise.reject(e);
        }
        ready = glue.init(input ?? { module_or_path: wasm() }).then(handOver, (e) => {
          throw new Error(`cx-scorecard: could not start the wasm (${e?.message || e}); check that the package's .wasm file is served, as application/wasm`, { cause: e });
        });
        // A failed start (offline, say) is tried afresh by the next call.
        ready.catch(() => {
          ready = undefined;
          if (input === undefined) forget();
        });
      }
      return ready;
    },
    initSync(module) {
      needBrowser("initSync()", false);
      if (ready && !done) throw new Error("cx-scorecard: initSync() while init() is starting the wasm: await init() instead");
      const exports = handOver(glue.initSync(module));
      ready ??= Promise.resolve(exports);
      return exports;
    },
    /** Throws unless the wasm has started (and, with `page`, there is a document to show it in). */
    started(what, page = true) {
      needBrowser(what, page);
      if (!done) throw new Error(`cx-scorecard: ${what} was called before init() had finished: await init() first`);
    },
  };
}
