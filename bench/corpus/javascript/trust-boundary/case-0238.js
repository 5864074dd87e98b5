'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const session = require('koa-session');

const app = new Koa();
const router = new Router();
app.keys = [process.env.SESSION_KEY];
app.use(session({ secure: true, httpOnly: true, sameSite: 'strict' }, app));

router.get('/api/case-0238/:cart', async (ctx) => {
  const param = ctx.params.cart;
  const bar = String(param).trim();
  const cartId = Number.parseInt(bar, 10);
  if (Number.isNaN(cartId)) {
    ctx.throw(400, 'invalid input');
  }
  ctx.session.cartId = cartId;
  ctx.body = { saved: true };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
