'use strict';

const http = require('http');

const server = http.createServer(async (req, res) => {
  const param = new URL(req.url, 'http://localhost').searchParams.get('host');
  const lookup = new Map([['keyA', 'inventory.internal'], ['keyB', param]]);
  const bar = lookup.get('keyB');
  const response = await fetch(`http://${bar}/api/stock`);
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ status: response.status }));
});

server.listen(3000);
