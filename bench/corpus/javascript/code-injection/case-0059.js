'use strict';

const http = require('http');

const server = http.createServer(async (req, res) => {
  const param = new URL(req.url, 'http://localhost').searchParams.get('formula');
  const lookup = new Map([['keyA', 'row.price * row.quantity'], ['keyB', param]]);
  const bar = lookup.get('keyB');
  const formula = new Function('row', 'return ' + bar + ';');
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ result: formula({ price: 10, quantity: 3 }) }));
});

server.listen(3000);
