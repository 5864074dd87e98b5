'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const Handlebars = require('handlebars');

const app = new Koa();
const router = new Router();

function normalize(value) {
  return String(value).replace(/\s+/g, ' ').trim();
}

router.get('/api/case-0078', async (ctx) => {
  const param = ctx.query.template;
  const bar = normalize(param);
  const render = Handlebars.compile(bar);
  ctx.body = { html: render({ user: 'guest' }) };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
