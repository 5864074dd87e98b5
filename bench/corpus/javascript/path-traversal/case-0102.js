'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const fs = require('fs');
const path = require('path');

const BASE_DIR = path.join(__dirname, 'public', 'files');

const app = new Koa();
const router = new Router();

function normalize(value) {
  return String(value).replace(/\s+/g, ' ').trim();
}

router.get('/api/case-0102', async (ctx) => {
  const param = ctx.query.file;
  const bar = normalize(param);
  const content = await fs.promises.readFile(BASE_DIR + '/' + bar, 'utf8');
  ctx.body = { content };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
