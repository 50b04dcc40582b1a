// Verification-only rate of @saleor/app-sdk, the yardstick `make bench` compares our ingest to.
//
// Usage: node verify.mjs INPUT.json [COUNT]
//   INPUT.json: {"jwks": {...}, "deliveries": [{"body": "...", "signature": "..."}]}
//   COUNT: verifications to time (default: one per delivery), cycling through the deliveries.
// Prints one JSON line: {"verified": N, "seconds": S}. Exits non-zero on any failed check.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

import { verifySignatureWithJwks } from "@saleor/app-sdk/auth";

function fail(message) {
  process.stderr.write(`sdk_verify: ${message}\n`);
  process.exit(1);
}

const [inputPath, countArg] = process.argv.slice(2);
if (!inputPath) fail("usage: node verify.mjs INPUT.json [COUNT]");

const input = JSON.parse(readFileSync(inputPath, "utf8"));
const deliveries = input.deliveries;
if (!Array.isArray(deliveries) || deliveries.length === 0) fail("no deliveries in input");
const count = countArg === undefined ? deliveries.length : Number.parseInt(countArg, 10);
if (!Number.isInteger(count) || count <= 0) fail(`bad count: ${countArg}`);

// The SDK takes the JWKS as the string its APL stores, so serialise it once, as an app that
// caches the JWKS would; parsing it per call is the SDK's own cost and stays in the timing.
const jwks = JSON.stringify(input.jwks);

async function verify(delivery, index) {
  try {
    await verifySignatureWithJwks(jwks, delivery.signature, delivery.body);
  } catch (error) {
    fail(`delivery ${index} did not verify: ${error.message}`);
  }
}

// A verifier that accepts anything would post a great rate: prove it rejects a changed body
// before trusting any number it produces.
const tampered = { ...deliveries[0], body: `${deliveries[0].body} ` };
const rejected = await verifySignatureWithJwks(jwks, tampered.signature, tampered.body).then(
  () => false,
  () => true,
);
if (!rejected) fail("a tampered body verified; the measurement would be meaningless");

// Warm-up: let V8 optimise the hot path and load the key/crypto code before timing, and
// check every delivery once so that a bad one fails here rather than mid-measurement.
for (let i = 0; i < deliveries.length; i++) await verify(deliveries[i], i);

// Sequential awaits: the verification is synchronous CPU work inside the promise, so this is
// one core's throughput, the same as one gunicorn worker's on our side.
let verified = 0;
const started = performance.now();
for (let i = 0; i < count; i++) {
  const index = i % deliveries.length;
  await verify(deliveries[index], index);
  verified++;
}
const seconds = (performance.now() - started) / 1000;

process.stdout.write(`${JSON.stringify({ verified, seconds })}\n`);
