// Validates SARIF logs (file arguments) against the SARIF 2.1.0 JSON
// schema beside this file, then checks what GitHub code scanning needs
// beyond the schema: a driver name, unique rule ids, ruleIndex that
// points at the result's rule, a message text, and a relative artifact
// URI (forward slashes, no "./") with a 1-based startLine.  Prints one
// line per problem and exits 1 when there is any.  Run through
// validate.sh, which installs ajv into tests/node_modules on demand.
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');

// Exit 1 means "invalid SARIF"; anything going wrong here is 2, so
// that a broken validator never passes for a rejection.
process.on('uncaughtException', (e) => {
  console.error(`validate.js: ${e.stack || e}`);
  process.exit(2);
});
const schema = JSON.parse(fs.readFileSync(
  path.join(__dirname, 'sarif-schema-2.1.0.json'), 'utf8'));
// unicodeRegExp: false because the schema's "language" pattern has a
// stray ']' that is an error in a /u regular expression.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);
let bad = 0;

function problem(file, msg) {
  console.error(`${file}: ${msg}`);
  bad++;
}

function github(file, log) {
  (log.runs || []).forEach((run, ri) => {
    const driver = run.tool && run.tool.driver;
    if (!driver || !driver.name)
      problem(file, `runs[${ri}]: no tool.driver.name`);
    const rules = (driver && driver.rules) || [];
    const ids = new Set();
    rules.forEach((r, i) => {
      if (ids.has(r.id))
        problem(file, `rules[${i}]: duplicate id ${r.id}`);
      ids.add(r.id);
      if (!r.shortDescription || !r.shortDescription.text)
        problem(file, `rules[${i}]: no shortDescription.text`);
    });
    (run.results || []).forEach((res, i) => {
      const where = `runs[${ri}].results[${i}]`;
      if (!res.message || typeof res.message.text !== 'string')
        problem(file, `${where}: no message.text`);
      if (res.ruleIndex !== undefined &&
          (!rules[res.ruleIndex] || rules[res.ruleIndex].id !== res.ruleId))
        problem(file, `${where}: ruleIndex ${res.ruleIndex} is not ${res.ruleId}`);
      const loc = res.locations && res.locations[0] &&
        res.locations[0].physicalLocation;
      if (!loc || !loc.artifactLocation || !loc.artifactLocation.uri) {
        problem(file, `${where}: no locations[0] artifact uri`);
        return;
      }
      const uri = loc.artifactLocation.uri;
      if (uri.startsWith('./') || uri.includes('\\'))
        problem(file, `${where}: uri ${uri} is not a clean relative path`);
      if (loc.region && !(loc.region.startLine >= 1))
        problem(file, `${where}: startLine must be 1 or more`);
    });
  });
}

for (const file of process.argv.slice(2)) {
  let log;
  try {
    log = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    problem(file, `not JSON: ${e.message}`);
    continue;
  }
  if (!validate(log))
    for (const e of validate.errors)
      problem(file, `${e.instancePath || '/'} ${e.message}`);
  github(file, log);
}
process.exit(bad ? 1 : 0);
