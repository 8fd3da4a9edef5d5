// Must NOT compile: each mount() below has one mistake the declarations have to catch.
// tests/pages/types.test.mjs expects exactly these two errors, on the lines marked.
import { mount } from "cx-scorecard";

const element = document.createElement("div");

// A misspelt option: TS2561 "Object literal may only specify known properties, but 'locle' does
// not exist in type 'MountOptions'. Did you mean to write 'locale'?"
mount(element, { locle: "de" }); // expect: locle

// A known option with a value of the wrong type: TS2322 "Type 'number' is not assignable to …".
mount(element, { autosave: 3 }); // expect: autosave
