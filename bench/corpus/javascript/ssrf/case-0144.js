'use strict';

const http = require('http');
const superagent = require('superagent');

const server = http.createServer(async (req, res) => {
  const param = req.headers['x-url'];
  const lookup = new Map([['keyA', 'https://api.example.com/v1/ping'], ['keyB', param]]);
  const bar = lookup.get('keyB');
  const response = await superagent.get(bar);
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ status: response.status }));
});

server.listen(3000);
