'use strict';

document.addEventListener('DOMContentLoaded', () => {
  const param = new URLSearchParams(window.location.search).get('next');
  const values = ['safe', param, '/orders'];
  values.shift();
  const bar = values[1];
  window.location.assign(bar);
});
