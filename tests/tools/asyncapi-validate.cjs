// Validates AsyncAPI documents with the official parser (@asyncapi/parser), installed by
// scripts/npm-tools.sh into the folder named by $EVFLOW_NPM_DIR. Prints every diagnostic as
// "FILE: SEVERITY: CODE: MESSAGE (at PATH)"; exits 1 when a document has an error, 3 when the
// parser is not installed (the calling test then skips).
const { createRequire } = require('node:module');
const { readFileSync } = require('node:fs');
const path = require('node:path');

let Parser;
try {
    const from = createRequire(path.join(process.env.EVFLOW_NPM_DIR || '.', 'package.json'));
    ({ Parser } = from('@asyncapi/parser'));
} catch (e) {
    console.error(`@asyncapi/parser is not installed: ${e.message}`);
    process.exit(3);
}

const severities = ['error', 'warning', 'info', 'hint'];

async function main(files) {
    const parser = new Parser();
    let failed = false;
    for (const file of files) {
        const { document, diagnostics } = await parser.parse(readFileSync(file, 'utf8'));
        for (const d of diagnostics)
            console.log(`${file}: ${severities[d.severity]}: ${d.code}: ${d.message} (at /${d.path.join('/')})`);
        if (!document || diagnostics.some((d) => d.severity === 0))
            failed = true;
        else
            console.log(`${file}: ok, AsyncAPI ${document.version()}, ${document.channels().length} channels, ${document.operations().length} operations`);
    }
    return failed ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
    console.error(e.stack || String(e));
    process.exit(2);
});
