'use strict';

const http = require('http');

const server = http.createServer(async (req, res) => {
  const param = new URL(req.url, 'http://localhost').searchParams.get('next');
  const bar = '/dashboard';
  res.writeHead(302, { Location: bar });
  res.end();
});

server.listen(3000);
