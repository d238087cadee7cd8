// The Worker: the committed models, parsed and validated once per isolate, served by the Hono app.
import vector from '@lstm-adder/core/models/vector.json';
import serial from '@lstm-adder/core/models/serial.json';
import { createApp } from './app.js';
import { loadModels } from './models.js';

const app = createApp({ models: loadModels({ vector, serial }) });

export default app satisfies ExportedHandler<{ CORS_ORIGINS?: string }>;
