import Fastify from 'fastify';
import { greeting } from '@acme/shared';

const app = Fastify();
app.get('/', async () => ({ greeting }));
app.listen({ port: Number(process.env.PORT ?? 8080), host: '0.0.0.0' });
