'use strict';

const Koa = require('koa');
const Router = require('@koa/router');

const app = new Koa();
const router = new Router();

function normalize(value) {
  return String(value).replace(/\s+/g, ' ').trim();
}

router.get('/api/case-0150/:next', async (ctx) => {
  const param = ctx.params.next;
  const bar = normalize(param);
  ctx.redirect(bar);
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
