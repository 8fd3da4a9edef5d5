// What the element declarations share: event maps and the mapping from an option's name to its
// attribute's, made from the declarations of the glue (and so from the Rust types).

/** `definitionSrc` → `"definition-src"`. */
export type Kebab<S extends string> = S extends `${infer Head}${infer Tail}`
  ? Head extends Lowercase<Head>
    ? `${Head}${Kebab<Tail>}`
    : `-${Lowercase<Head>}${Kebab<Tail>}`
  : S;

/** A mount function's options less its callbacks (`onReady`, …), which the element fires as events. */
export type WithoutCallbacks<Options> = {
  [K in keyof Options as K extends `on${Capitalize<string>}` ? never : K]: Options[K];
};

/** Where the package's files are served, if not beside its modules (a URL, against the page). */
export interface AssetBase {
  assetBase?: string;
}

/** `{name: Detail}` → `{"cx-scorecard:name": CustomEvent<Detail>}`. */
export type EventMap<Events> = {
  [K in keyof Events & string as `cx-scorecard:${K}`]: CustomEvent<Events[K]>;
};

/** Each property also as its attribute (kebab-case), which takes text. */
export type Attributes<Properties> = {
  [K in keyof Properties & string as Kebab<K>]?: string;
};
