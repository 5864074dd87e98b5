'use strict';

const express = require('express');
const vm = require('vm');

const app = express();

app.get('/api/case-0062', async (req, res) => {
  const param = req.headers['x-script'];
  const bar = param;
  const result = vm.runInNewContext(bar, { items: [1, 2, 3] });
  res.json({ result });
});

app.listen(3000);
