'use strict';

const http = require('http');
const mysql = require('mysql');

const connection = mysql.createConnection({
  host: 'localhost',
  user: 'shop',
  password: process.env.DB_PASSWORD,
  database: 'shop',
});

const server = http.createServer(async (req, res) => {
  const param = new URL(req.url, 'http://localhost').searchParams.get('name');
  const values = ['safe', param, 'widget'];
  values.shift();
  const bar = values[1];
  connection.query(
    "SELECT id, name, price FROM products WHERE name = '" + bar + "'",
    (error, rows) => {
      if (error) {
        res.writeHead(500);
        return res.end('internal error');
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(rows));
    },
  );
});

server.listen(3000);
