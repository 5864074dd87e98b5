'use strict';

const express = require('express');

const app = express();

app.get('/api/case-0145', async (req, res) => {
  const param = req.query.next;
  const bar = param;
  res.redirect(bar);
});

app.listen(3000);
