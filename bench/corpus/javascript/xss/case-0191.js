'use strict';

const http = require('http');

const server = http.createServer(async (req, res) => {
  const param = req.headers['x-q'];
  const lookup = new Map([['keyA', 'shoes'], ['keyB', param]]);
  const bar = lookup.get('keyB');
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(`<p>Search results for <b>${bar}</b></p>`);
});

server.listen(3000);
