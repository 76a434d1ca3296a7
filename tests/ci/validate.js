// Validates YAML files against a draft-07 JSON Schema:
//   node tests/ci/validate.js SCHEMA.json FILE.yml...
// Prints "FILE valid", or "FILE invalid" and one line per error, and
// exits 1 when any file is invalid, 2 when the schema or a file cannot
// be read.  ajv and js-yaml come from tests/node_modules (installed by
// tests/testdeps.sh).  The published pipeline schemas carry editor
// keywords of their own (ignoreCase, firstProperty, deprecationMessage,
// markdownDescription), so strict mode is off for them, and Azure's
// patterns escape characters that a /u regular expression refuses.
'use strict';
const fs = require('fs');
const Ajv = require('ajv');
const yaml = require('js-yaml');

process.on('uncaughtException', (e) => {
  console.error(`validate.js: ${e.stack || e}`);
  process.exit(2);
});
const [schemaFile, ...files] = process.argv.slice(2);
const text = fs.readFileSync(schemaFile, 'utf8').replace(/^\uFEFF/, '');
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
const validate = ajv.compile(JSON.parse(text));
let bad = 0;
for (const file of files) {
  const doc = yaml.load(fs.readFileSync(file, 'utf8'));
  if (validate(doc)) {
    console.log(`${file} valid`);
    continue;
  }
  bad++;
  console.log(`${file} invalid`);
  // anyOf/oneOf report every branch; the deepest paths say the most.
  const seen = new Set();
  for (const e of validate.errors) {
    const line = `  ${e.instancePath || '/'} ${e.message}` +
      (e.params && e.params.additionalProperty ?
        ` (${e.params.additionalProperty})` : '');
    if (!seen.has(line)) {
      seen.add(line);
      console.log(line);
    }
  }
}
process.exit(bad ? 1 : 0);
