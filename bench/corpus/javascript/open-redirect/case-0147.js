'use strict';

const http = require('http');

const server = http.createServer(async (req, res) => {
  const param = req.headers['x-next'];
  const bar = String(param).trim();
  res.writeHead(302, { Location: bar });
  res.end();
});

server.listen(3000);
