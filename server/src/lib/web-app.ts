import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { AppError } from './app-error.js';
import type { App } from './http.js';

/** Serves the built UI; unknown non-API paths get index.html so client routes survive reloads. */
export async function registerWebApp(app: App, distDir: string | undefined) {
  const hasUi = distDir !== undefined && fs.existsSync(path.join(distDir, 'index.html'));
  if (hasUi) {
    await app.register(fastifyStatic, { root: distDir, wildcard: false, index: 'index.html' });
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/');
    if (hasUi && isPage) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    throw new AppError('not_found', 'Адрес не найден');
  });
}
