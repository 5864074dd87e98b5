'use strict';

const express = require('express');
const vm = require('vm');

const app = express();

app.get('/api/case-0061', async (req, res) => {
  const param = req.headers['x-script'];
  const bar = 'items.length';
  const result = vm.runInNewContext(bar, { items: [1, 2, 3] });
  res.json({ result });
});

app.listen(3000);
