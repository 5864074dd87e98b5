'use strict';

const http = require('http');
const fs = require('fs');
const path = require('path');

const BASE_DIR = path.join(__dirname, 'public', 'files');

const server = http.createServer(async (req, res) => {
  const param = req.headers['x-file'];
  const lookup = new Map([['keyA', 'old-report.txt'], ['keyB', param]]);
  const bar = lookup.get('keyB');
  await fs.promises.unlink(path.join(BASE_DIR, bar));
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ deleted: true }));
});

server.listen(3000);
