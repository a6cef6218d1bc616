import express from 'express';
import { PrismaClient } from '@prisma/client';

const db = new PrismaClient();
const app = express();
app.get('/', async (_req, res) => res.json(await db.order.count()));
app.listen(3000);
