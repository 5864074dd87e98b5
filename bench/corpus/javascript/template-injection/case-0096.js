'use strict';

const http = require('http');
const nunjucks = require('nunjucks');

nunjucks.configure('views', { autoescape: true });

const server = http.createServer(async (req, res) => {
  const param = req.headers['x-template'];
  const lookup = new Map([['keyA', '<p>Hello {{ user }}</p>'], ['keyB', param]]);
  const bar = lookup.get('keyB');
  const html = nunjucks.renderString(bar, { user: 'guest' });
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ html }));
});

server.listen(3000);
