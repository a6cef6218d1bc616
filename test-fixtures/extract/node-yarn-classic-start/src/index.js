import Koa from 'koa';
import i18next from 'i18next';
import { readFileSync } from 'fs';

const en = JSON.parse(readFileSync('locales/en.json', 'utf8'));
await i18next.init({ lng: 'en', resources: { en: { translation: en } } });
const app = new Koa();
app.use((ctx) => { ctx.body = i18next.t('hello'); });
app.listen(8080);
