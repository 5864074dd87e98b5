'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const crypto = require('crypto');

const { users, sessions } = require('./store');

const app = new Koa();
const router = new Router();
app.use(bodyParser());

router.post('/api/case-0284', async (ctx) => {
  const { query } = ctx.request.body;
  const cacheKey = crypto.createHash('md5').update(JSON.stringify(query)).digest('hex');
  ctx.body = { cacheKey, rows: await users.search(query) };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
