'use strict';

const Koa = require('koa');
const Router = require('@koa/router');

const SITE_ORIGIN = 'https://shop.example.com';

const app = new Koa();
const router = new Router();

function normalize(value) {
  return String(value).replace(/\s+/g, ' ').trim();
}

router.get('/api/case-0160', async (ctx) => {
  const param = ctx.cookies.get('next');
  const bar = normalize(param);
  const target = new URL(bar, SITE_ORIGIN);
  if (target.origin !== SITE_ORIGIN) {
    ctx.throw(400, 'invalid input');
  }
  ctx.redirect(target.href);
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
