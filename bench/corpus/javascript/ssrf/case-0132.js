'use strict';

const http = require('http');

const SERVICES = new Map([
  ['inventory', 'inventory.internal'],
  ['pricing', 'pricing.internal'],
]);

const server = http.createServer(async (req, res) => {
  const param = new URL(req.url, 'http://localhost').searchParams.get('host');
  const lookup = new Map([['keyA', 'inventory.internal'], ['keyB', param]]);
  const bar = lookup.get('keyB');
  const host = SERVICES.get(bar);
  if (!host) {
    res.writeHead(400);
    return res.end('invalid input');
  }
  const response = await fetch(`http://${host}/api/stock`);
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ status: response.status }));
});

server.listen(3000);
