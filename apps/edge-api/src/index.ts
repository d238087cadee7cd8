// The Worker: the committed models, parsed and validated once per isolate, served by the Hono app. The vector model
// comes without its held-out pair list (scripts/models.ts: the Worker must stay ≤ 40 KiB gzipped).
import vector from './models/vector.json';
import serial from '@lstm-adder/core/models/serial.json';
import { createApp } from './app.js';
import { loadModels } from './models.js';

const app = createApp({ models: loadModels({ vector, serial }) });

export default app satisfies ExportedHandler<{ CORS_ORIGINS?: string }>;
