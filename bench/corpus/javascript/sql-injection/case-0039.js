'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const { Sequelize } = require('sequelize');

const sequelize = new Sequelize(process.env.DATABASE_URL);

const app = new Koa();
const router = new Router();
app.use(bodyParser());

function normalize(value) {
  return String(value).replace(/\s+/g, ' ').trim();
}

router.post('/api/case-0039', async (ctx) => {
  const param = ctx.request.body.sort;
  const bar = normalize(param);
  const [rows] = await sequelize.query(`SELECT id, title FROM articles ORDER BY ${bar}`);
  ctx.body = rows;
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
