// Validates CloudEvents JSON lines against the CloudEvents 1.0 JSON schema of the specification,
// as the official JavaScript SDK ships it (npm `cloudevents`, dist/schema/v1.js, compiled from
// the spec's cloudevents.json), with the JSON-schema validator ajv + ajv-formats (all from
// $EVFLOW_NPM_DIR, see scripts/npm-tools.sh). Usage: cloudevents-validate.cjs FILE...
// Prints "FILE:LINE: MESSAGE" per invalid event and "FILE: N events valid" per file; exits 1
// when any event is invalid, 3 when the tools are not installed.
const { createRequire } = require('node:module');
const { readFileSync } = require('node:fs');
const path = require('node:path');

let Ajv, addFormats, schemaSource;
try {
    const from = createRequire(path.join(process.env.EVFLOW_NPM_DIR || '.', 'package.json'));
    Ajv = from('ajv');
    addFormats = from('ajv-formats');
    schemaSource = readFileSync(from.resolve('cloudevents/dist/schema/v1.js'), 'utf8');
} catch (e) {
    console.error(`ajv, ajv-formats or the cloudevents SDK is not installed: ${e.message}`);
    process.exit(3);
}

// The SDK's module embeds the specification's schema as a JSON object literal; take it out.
function specSchema(source) {
    const marker = '"description": "CloudEvents Specification JSON Schema"';
    const at = source.indexOf(marker);
    const start = source.lastIndexOf('{ "$schema"', at);
    if (at < 0 || start < 0)
        throw new Error('the CloudEvents schema was not found in the SDK');
    let depth = 0;
    for (let i = start; i < source.length; ++i) {
        if (source[i] === '{') ++depth;
        if (source[i] === '}' && --depth === 0)
            return JSON.parse(source.slice(start, i + 1));
    }
    throw new Error('the CloudEvents schema in the SDK is cut short');
}

const ajv = new (Ajv.default || Ajv)({ allErrors: true, strict: false });
(addFormats.default || addFormats)(ajv);
const validate = ajv.compile(specSchema(schemaSource));
let failed = false;
for (const file of process.argv.slice(2)) {
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
    let valid = 0;
    lines.forEach((line, index) => {
        let event;
        try {
            event = JSON.parse(line);
        } catch (e) {
            console.log(`${file}:${index + 1}: not JSON: ${e.message}`);
            failed = true;
            return;
        }
        if (validate(event)) {
            ++valid;
        } else {
            failed = true;
            for (const err of validate.errors)
                console.log(`${file}:${index + 1}: ${err.instancePath || '/'} ${err.message}`);
        }
    });
    console.log(`${file}: ${valid} of ${lines.length} events valid`);
}
process.exit(failed ? 1 : 0);
