#!/usr/bin/env bash
# Installs the checkers that evflow did not write, from the npm registry, into a local folder
# ($EVFLOW_NPM_DIR, default build/npm): the official AsyncAPI parser (issue 6: every exported
# document must parse without errors), ajv + ajv-formats (CloudEvents JSON schema) and the
# CloudEvents JavaScript SDK. Never fails: where Node.js or the registry is missing it says so,
# and the tests that need these tools skip with a visible message.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${EVFLOW_NPM_DIR:-$root/build/npm}
packages=(@asyncapi/parser@3.6.6 ajv@8.20.0 ajv-formats@3.0.1 cloudevents@10.0.0)

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "evflow: Node.js/npm not found: the AsyncAPI and CloudEvents conformance tests will skip" >&2
    exit 0
fi
mkdir -p "$dir"
[ -f "$dir/package.json" ] || echo '{"name": "evflow-test-tools", "private": true}' > "$dir/package.json"
if node -e "for (const p of process.argv.slice(1)) require.resolve(p + '/package.json', {paths: ['$dir']})" \
        @asyncapi/parser ajv ajv-formats cloudevents 2>/dev/null; then
    exit 0 # already there
fi
echo "evflow: installing ${packages[*]} into $dir (npm registry)" >&2
if ! (cd "$dir" && timeout 600 npm install --no-audit --no-fund --silent "${packages[@]}"); then
    echo "evflow: npm install failed: the AsyncAPI and CloudEvents conformance tests will skip" >&2
fi
exit 0
