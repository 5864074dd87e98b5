'use strict';

const http = require('http');

const server = http.createServer(async (req, res) => {
  const param = new URL(req.url, 'http://localhost').searchParams.get('name');
  const lookup = new Map([['keyA', 'guest'], ['keyB', param]]);
  const bar = lookup.get('keyB');
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end('<h1>Hello ' + bar + '</h1>');
});

server.listen(3000);
