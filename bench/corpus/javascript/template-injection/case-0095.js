'use strict';

const http = require('http');
const nunjucks = require('nunjucks');

nunjucks.configure('views', { autoescape: true });
const TEMPLATE_FILES = new Set(['welcome.njk', 'receipt.njk']);

const server = http.createServer(async (req, res) => {
  const param = req.headers['x-template'];
  const lookup = new Map([['keyA', '<p>Hello {{ user }}</p>'], ['keyB', param]]);
  const bar = lookup.get('keyB');
  if (!TEMPLATE_FILES.has(bar)) {
    res.writeHead(400);
    return res.end('invalid input');
  }
  const html = nunjucks.render(bar, { user: 'guest' });
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ html }));
});

server.listen(3000);
