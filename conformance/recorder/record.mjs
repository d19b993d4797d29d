#!/usr/bin/env node
// Records the exact HTTP request the real Vercel AI SDK sends for every case in
// cases.json and writes golden/<case-id>.json plus golden/INDEX.md.
//
//   node record.mjs                 # all cases -> golden/
//   node record.mjs --only a,b      # a subset (still rewrites INDEX.md for that subset)
//   node record.mjs --out DIR       # another output folder
//   node record.mjs --check         # re-record into .check-out/ and compare with golden/ (exit 1 on any difference)
//
// The SDK packages are imported from THIS folder's node_modules (see package.json
// for the pinned versions). probe-v7/record-v7.mjs drives the same harness with
// the ai@7 line.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { generateText } from 'ai';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createOpenRouter } from '@openrouter/ai-sdk-provider';
import { createAzure } from '@ai-sdk/azure';
import { createVertex } from '@ai-sdk/google-vertex';
import { createAmazonBedrock } from '@ai-sdk/amazon-bedrock';
import { loadCases, runCases } from './lib/harness.mjs';
import { writeIndex } from './lib/index-md.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

export function installedVersions(fromDir, names) {
  const req = createRequire(path.join(fromDir, 'package.json'));
  const out = {};
  for (const n of names) {
    // read package.json directly: some packages do not export ./package.json
    let dir = path.dirname(req.resolve(n));
    while (!fs.existsSync(path.join(dir, 'package.json')) || JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name !== n) {
      const up = path.dirname(dir);
      if (up === dir) throw new Error(`package.json of ${n} not found`);
      dir = up;
    }
    out[n] = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  }
  return out;
}

export const PACKAGES = ['ai', '@ai-sdk/anthropic', '@ai-sdk/openai', '@ai-sdk/google', '@ai-sdk/openai-compatible', '@openrouter/ai-sdk-provider', '@ai-sdk/azure', '@ai-sdk/google-vertex', '@ai-sdk/amazon-bedrock'];

export function parseArgs(argv, defaultOut) {
  const args = { out: defaultOut, only: null, check: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') args.out = path.resolve(argv[++i]);
    else if (argv[i] === '--check') args.check = true;
    else if (argv[i] === '--only') args.only = argv[++i].split(',');
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2), path.join(here, 'golden'));
  const goldenDir = args.out;
  if (args.check) args.out = path.join(here, '.check-out');
  const tableFile = path.join(here, 'cases.json');
  const table = loadCases(tableFile);
  const sdk = {
    label: 'node20-line',
    versions: installedVersions(here, PACKAGES),
    generateText,
    createAnthropic,
    createOpenAI,
    createGoogleGenerativeAI,
    createOpenAICompatible,
    createOpenRouter,
    createAzure,
    createVertex,
    createAmazonBedrock,
    systemParam: 'system',
  };
  const results = await runCases({ sdk, table, outDir: args.out, only: args.only });
  writeIndex({ outDir: args.out, results, sdk, tableFile: 'cases.json' });
  const errors = results.filter((r) => r.error || !r.request);
  console.log(`\n${results.length} cases recorded to ${path.relative(process.cwd(), args.out) || '.'}; ${errors.length} error(s).`);
  if (errors.length) process.exitCode = 1;
  if (args.check) {
    const names = new Set([...fs.readdirSync(goldenDir), ...fs.readdirSync(args.out)]);
    const mismatched = [...names].filter((n) => {
      const a = path.join(goldenDir, n);
      const b = path.join(args.out, n);
      return !fs.existsSync(a) || !fs.existsSync(b) || fs.readFileSync(a, 'utf8') !== fs.readFileSync(b, 'utf8');
    });
    fs.rmSync(args.out, { recursive: true, force: true });
    if (mismatched.length) {
      console.log(`check: ${mismatched.length} file(s) differ from ${path.relative(here, goldenDir)}/: ${mismatched.join(', ')}`);
      process.exitCode = 1;
    } else {
      console.log(`check: re-recorded output is byte-identical to ${path.relative(here, goldenDir)}/`);
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
