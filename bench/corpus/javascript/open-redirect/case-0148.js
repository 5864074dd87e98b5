'use strict';

const http = require('http');

const SITE_ORIGIN = 'https://shop.example.com';

const server = http.createServer(async (req, res) => {
  const param = req.headers['x-next'];
  const bar = String(param).trim();
  const target = new URL(bar, SITE_ORIGIN);
  if (target.origin !== SITE_ORIGIN) {
    res.writeHead(400);
    return res.end('invalid input');
  }
  res.writeHead(302, { Location: target.href });
  res.end();
});

server.listen(3000);
