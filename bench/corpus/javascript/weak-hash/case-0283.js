'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const crypto = require('crypto');

const { users, sessions } = require('./store');

const app = new Koa();
const router = new Router();
app.use(bodyParser());

router.post('/api/case-0283', async (ctx) => {
  const { username, password } = ctx.request.body;
  const user = await users.findByName(username);
  const digest = crypto.createHash('sha1').update(password).digest('hex');
  if (!user || digest !== user.passwordHash) {
    ctx.throw(400, 'invalid input');
  }
  ctx.body = { ok: true };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
