'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const escapeHtml = require('escape-html');

const app = new Koa();
const router = new Router();

router.get('/api/case-0189', async (ctx) => {
  const param = ctx.cookies.get('name');
  const bar = String(param).trim();
  ctx.type = 'html';
  ctx.body = '<h1>Hello ' + escapeHtml(bar) + '</h1>';
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
