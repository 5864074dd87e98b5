'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const session = require('koa-session');

const app = new Koa();
const router = new Router();
app.keys = [process.env.SESSION_KEY];
app.use(session({ secure: true, httpOnly: true, sameSite: 'strict' }, app));

function normalize(value) {
  return String(value).replace(/\s+/g, ' ').trim();
}

router.get('/api/case-0222/:cart', async (ctx) => {
  const param = ctx.params.cart;
  const bar = normalize(param);
  const cartId = Number.parseInt(bar, 10);
  if (Number.isNaN(cartId)) {
    ctx.throw(400, 'invalid input');
  }
  ctx.session.cartId = cartId;
  ctx.body = { saved: true };
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
