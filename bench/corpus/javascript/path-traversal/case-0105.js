'use strict';

const http = require('http');
const fs = require('fs');
const path = require('path');

const BASE_DIR = path.join(__dirname, 'public', 'files');

const server = http.createServer(async (req, res) => {
  const param = new URL(req.url, 'http://localhost').searchParams.get('file');
  const values = ['safe', param, 'report.txt'];
  values.shift();
  const bar = values[0];
  fs.readFile(path.join(BASE_DIR, bar), 'utf8', (error, content) => {
    if (error) {
      res.writeHead(500);
      return res.end('internal error');
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ content }));
  });
});

server.listen(3000);
