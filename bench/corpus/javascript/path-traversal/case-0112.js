'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const fs = require('fs');
const path = require('path');

const BASE_DIR = path.join(__dirname, 'public', 'files');

const app = new Koa();
const router = new Router();
app.use(bodyParser());

function normalize(value) {
  return String(value).replace(/\s+/g, ' ').trim();
}

router.post('/api/case-0112', async (ctx) => {
  const param = ctx.request.body.file;
  const bar = normalize(param);
  await fs.promises.unlink(path.join(BASE_DIR, path.basename(bar)));
  ctx.body = { deleted: true };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
