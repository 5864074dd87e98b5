'use strict';

const http = require('http');
const pug = require('pug');

const server = http.createServer(async (req, res) => {
  const param = new URL(req.url, 'http://localhost').searchParams.get('template');
  const lookup = new Map([['keyA', 'p Hello #{user}'], ['keyB', param]]);
  const bar = lookup.get('keyB');
  const html = pug.render(bar, { user: 'guest' });
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ html }));
});

server.listen(3000);
