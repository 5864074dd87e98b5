'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const fs = require('fs');
const path = require('path');

const BASE_DIR = path.join(__dirname, 'public', 'files');

const app = new Koa();
const router = new Router();

router.get('/api/case-0117', async (ctx) => {
  const param = ctx.cookies.get('file');
  const bar = String(param).trim();
  const target = path.resolve(BASE_DIR, bar);
  if (!target.startsWith(BASE_DIR + path.sep)) {
    ctx.throw(400, 'invalid input');
  }
  const content = await fs.promises.readFile(target, 'utf8');
  ctx.body = { content };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
