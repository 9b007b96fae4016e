#!/usr/bin/env bash
# Runs the bench's unit specs (bench/src/*.spec.ts) with the unit project's settings from jest.config.js,
# until that project's testMatch includes bench/ (then `npm run test:unit` runs them too).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
config="$(node --input-type=module -e "
import config from './jest.config.js';
const unit = config.projects.find((p) => p.displayName === 'unit');
console.log(JSON.stringify({ ...unit, rootDir: process.cwd(), displayName: 'bench', testMatch: ['<rootDir>/bench/**/*.spec.ts'] }));
")"
NODE_OPTIONS='--experimental-vm-modules --no-warnings' exec npx jest --config "$config" "$@"
