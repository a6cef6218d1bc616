import Fastify from 'fastify';
import { verifyToken } from '@acme/auth';

const app = Fastify();
app.addHook('onRequest', async (req) => verifyToken(req.headers.authorization));
app.get('/health', async () => ({ ok: true }));
app.listen({ port: 8080, host: '0.0.0.0' });
