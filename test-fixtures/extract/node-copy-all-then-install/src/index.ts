import express from 'express';

const app = express();
app.use(express.json());

const invoices = new Map<string, { customer: string; total: number }>();

app.post('/invoices', (req, res) => {
  const id = String(invoices.size + 1);
  invoices.set(id, { customer: String(req.body.customer), total: Number(req.body.total) });
  res.status(201).json({ id });
});

app.get('/invoices/:id', (req, res) => {
  const invoice = invoices.get(req.params.id);
  if (!invoice) return res.sendStatus(404);
  res.json(invoice);
});

app.listen(Number(process.env.PORT ?? 3000));
