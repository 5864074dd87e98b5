'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const crypto = require('crypto');

const { users, sessions } = require('./store');

const app = new Koa();
const router = new Router();
app.use(bodyParser());

router.post('/api/case-0275', async (ctx) => {
  const { username, password } = ctx.request.body;
  const hash = crypto.createHash('md5').update(password).digest('base64');
  await users.updatePassword(username, hash);
  ctx.body = { ok: true };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
