// Writes src/openapi/openapi.json, the document GET /openapi.json serves, from the schemas and the committed models.
// Run by `npm run openapi` and before every build; test/openapi.test.ts fails when the committed copy is stale.
import { writeFileSync } from 'node:fs';
import serial from '@lstm-adder/core/models/serial.json' with { type: 'json' };
import vector from '../src/models/vector.json' with { type: 'json' }; // the model the Worker bundles
import { createApp } from '../src/app.js';
import { loadModels } from '../src/models.js';
import { buildOpenApi } from '../src/openapi/document.js';

const target = new URL('../src/openapi/openapi.json', import.meta.url);
// The app logs one line per request (src/http/observe.ts); the example requests are not traffic, so keep them quiet.
const log = console.log;
console.log = () => undefined;
const document = await buildOpenApi(createApp({ models: loadModels({ vector, serial }) })).finally(() => {
  console.log = log;
});
writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
console.log(`openapi: wrote ${target.pathname} (${Object.keys(document.paths as object).length} paths)`);
