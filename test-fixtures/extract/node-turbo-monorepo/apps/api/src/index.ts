import express from 'express';
import { shipments } from '@shipyard/db';

const app = express();
app.get('/shipments', (_req, res) => res.json(shipments));
app.listen(3000);
