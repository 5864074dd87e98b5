'use strict';

const http = require('http');
const { Sequelize } = require('sequelize');

const sequelize = new Sequelize(process.env.DATABASE_URL);

const server = http.createServer(async (req, res) => {
  const param = req.headers['x-sort'];
  const lookup = new Map([['keyA', 'title'], ['keyB', param]]);
  const bar = lookup.get('keyB');
  const [rows] = await sequelize.query(`SELECT id, title FROM articles ORDER BY ${bar}`);
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(rows));
});

server.listen(3000);
