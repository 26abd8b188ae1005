// schema_check.js: ajv-cli's `validate --spec=draft2020 --strict=false` over many files in
// one process, for tests/e2e/schema_validate.sh: the Ajv instance and the compiled schema
// are ajv-cli's own (its commands/ajv and util.compile), then each file is read as
// ajv-cli reads it (JSON.parse, else require) and one line is printed per file:
// "valid FILE", "invalid FILE", or "unreadable FILE" (where ajv-cli would exit 2).
// One ajv-cli run per invalid fixture took 1-2 s each, most of the test's 89 s.
// usage: node schema_check.js NODE_MODULES SCHEMA FILE...
"use strict";
const fs = require("fs");
const path = require("path");
const [modules, schema, ...files] = process.argv.slice(2);
const makeAjv = require(path.join(modules, "ajv-cli/dist/commands/ajv")).default;
const util = require(path.join(modules, "ajv-cli/dist/commands/util"));
const ajv = makeAjv({ spec: "draft2020", strict: false, s: schema, _: [] });
const validate = util.compile(ajv, schema);
for (const file of files) {
  let data;
  try {
    try {
      data = JSON.parse(fs.readFileSync(file).toString());
    } catch (e) {
      data = require(path.resolve(file));
    }
  } catch (e) {
    console.log("unreadable " + file);
    continue;
  }
  console.log((validate(data) ? "valid " : "invalid ") + file);
}
