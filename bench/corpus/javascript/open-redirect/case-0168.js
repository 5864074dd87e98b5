'use strict';

const http = require('http');

const DESTINATIONS = new Map([
  ['orders', '/orders'],
  ['account', '/account'],
]);

const server = http.createServer(async (req, res) => {
  const param = req.headers['x-next'];
  const lookup = new Map([['keyA', '/dashboard'], ['keyB', param]]);
  const bar = lookup.get('keyB');
  const target = DESTINATIONS.get(bar) || '/';
  res.writeHead(302, { Location: target });
  res.end();
});

server.listen(3000);
