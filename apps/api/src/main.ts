import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, ConfigError, loadConfig } from '@app/config';
import { ApiModule } from './api.module.js';
import { configureApp } from './setup.js';

async function main() {
  loadConfig(); // invalid configuration stops start-up with one line
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, { bodyParser: false, bufferLogs: true });
  configureApp(app);
  const { PORT } = app.get(AppConfig);
  await app.listen(PORT, '0.0.0.0');
  console.log(`API listening on http://localhost:${PORT} (docs at /api/docs)`);
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
