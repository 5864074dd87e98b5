'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const Handlebars = require('handlebars');

const app = new Koa();
const router = new Router();

router.get('/api/case-0093', async (ctx) => {
  const param = ctx.cookies.get('template');
  const bar = String(param).trim();
  const render = Handlebars.compile(bar);
  ctx.body = { html: render({ user: 'guest' }) };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
