import Fastify from 'fastify';
import fastifyStatic from '@fastify/static';
import { join } from 'node:path';

const app = Fastify({ logger: true });
app.register(fastifyStatic, { root: join(process.cwd(), 'public') });
app.get('/api/links', async () => [{ href: 'https://example.org', title: 'Example' }]);
app.listen({ port: 3000, host: '0.0.0.0' });
