import express from 'express';

const app = express();
app.set('view engine', 'pug');
app.set('views', 'views');
app.get('/', (_req, res) => res.render('page', { title: 'Wiki' }));
app.listen(4000);
