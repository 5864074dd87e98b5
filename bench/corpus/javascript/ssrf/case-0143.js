'use strict';

const http = require('http');
const superagent = require('superagent');

const ALLOWED_HOSTS = new Set(['status.example.com', 'api.example.com']);

const server = http.createServer(async (req, res) => {
  const param = req.headers['x-url'];
  const lookup = new Map([['keyA', 'https://api.example.com/v1/ping'], ['keyB', param]]);
  const bar = lookup.get('keyB');
  const target = new URL(bar);
  if (target.protocol !== 'https:' || !ALLOWED_HOSTS.has(target.hostname)) {
    res.writeHead(400);
    return res.end('invalid input');
  }
  const response = await superagent.get(target.href);
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ status: response.status }));
});

server.listen(3000);
