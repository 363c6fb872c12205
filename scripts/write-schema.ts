/**
 * `npm run schema`: writes docs/scenario.schema.json, so editors can validate and complete
 * scenario files written by hand. A test fails when the committed file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { scenarioJsonSchema } from '../shared/scenario/scenario-json-schema.js';

const target = process.argv[2] ?? 'docs/scenario.schema.json';
writeFileSync(target, `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
