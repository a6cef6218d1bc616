import express from 'express';
import Database from 'better-sqlite3';
import bcrypt from 'bcrypt';

const db = new Database(process.env.DB_PATH ?? '/tmp/sessions.db');
db.exec('CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY, hash TEXT NOT NULL)');
const app = express();
app.use(express.json());
app.post('/users', async (req, res) => {
  db.prepare('INSERT INTO users VALUES (?, ?)').run(req.body.name, await bcrypt.hash(req.body.password, 10));
  res.status(201).end();
});
app.listen(3000);
