// Makes CloudEvents with the official CloudEvents JavaScript SDK (npm `cloudevents`, put in
// $EVFLOW_NPM_DIR by scripts/npm-tools.sh) and prints each in structured mode (the JSON body the
// SDK's HTTP binding produces), one per line. Usage: cloudevents-make.cjs COUNT DUPLICATE_EVERY
// Event i has id "sdk-<i>", type "sdk.reading", time 2026-01-01T00:00:00Z + i seconds and data
// {"n": i}; after every DUPLICATE_EVERY-th event the same event is printed again (a deliberate
// duplicate, same id). Exits 3 when the SDK is not installed.
const { createRequire } = require('node:module');
const path = require('node:path');

let sdk;
try {
    sdk = createRequire(path.join(process.env.EVFLOW_NPM_DIR || '.', 'package.json'))('cloudevents');
} catch (e) {
    console.error(`the cloudevents SDK is not installed: ${e.message}`);
    process.exit(3);
}
const { CloudEvent, HTTP } = sdk;
const count = Number(process.argv[2] || 10);
const every = Number(process.argv[3] || 0);
const base = Date.UTC(2026, 0, 1);
for (let i = 0; i < count; ++i) {
    const event = new CloudEvent({
        id: `sdk-${i}`,
        source: '/tests/cloudevents-sdk',
        type: 'sdk.reading',
        time: new Date(base + i * 1000).toISOString(),
        datacontenttype: 'application/json',
        data: { n: i },
    });
    const line = HTTP.structured(event).body;
    process.stdout.write(line + '\n');
    if (every > 0 && (i + 1) % every === 0)
        process.stdout.write(line + '\n');
}
