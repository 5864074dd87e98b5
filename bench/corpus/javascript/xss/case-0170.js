'use strict';

const express = require('express');

const app = express();

app.get('/api/case-0170', async (req, res) => {
  const param = req.query.name;
  const bar = param;
  res.send('<h1>Hello ' + bar + '</h1>');
});

app.listen(3000);
