// ajv-cli module (-c): declares the editor-only keyword the schema
// carries, so that ajv's strict mode, which refuses unknown keywords,
// stays on for everything else.  patternErrorMessage is
// yaml-language-server's: the message an editor shows when a pattern
// does not match.
'use strict';
module.exports = (ajv) => {
  ajv.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' });
};
